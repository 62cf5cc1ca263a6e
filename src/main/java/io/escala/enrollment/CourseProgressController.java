package io.escala.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.WebhookSignature;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /courses/progress}: an external LMS reports a learner's progress, signed as the lead events are
 * ({@link WebhookSignature}, secret {@code escala.enrollment.progress-secret}). The body is
 * {@code {"enrollment": key, "percent": n}} or {@code {"enrollment": key, "lessonCompleted": id}} (then the progress
 * is read back from the LMS, or the built-in lesson is marked done).
 */
@RestController
class CourseProgressController {

  static final String SECRET_SETTING = "escala.enrollment.progress-secret";
  private static final int MAX_BODY = 8 * 1024;
  private static final int MAX_ID = 100;

  // Not a bean: the lead events' WebhookSignature is injected by type.
  private final WebhookSignature signature;
  private final Enrollments enrollments;
  private final CourseLearning learning;
  private final ObjectMapper json;
  private final Clock clock;

  CourseProgressController(CourseLearningProperties properties, Enrollments enrollments, CourseLearning learning,
      ObjectMapper json, Clock clock) {
    this.signature = new WebhookSignature(SECRET_SETTING, properties.progressSecret());
    this.enrollments = enrollments;
    this.learning = learning;
    this.json = json;
    this.clock = clock;
  }

  @PostMapping(path = "/courses/progress", consumes = "application/json", produces = "application/json")
  ResponseEntity<Map<String, Object>> progress(@RequestBody byte[] body,
      @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signatureHeader) {
    if (body.length > MAX_BODY) {
      return ResponseEntity.status(413).body(Map.of("error", "body too large"));
    }
    WebhookSignature.Result result = signature.verify(body, timestamp, signatureHeader, clock.instant());
    if (result != WebhookSignature.Result.VALID) {
      return ResponseEntity.status(401).body(Map.of("error", "signature " + result.name().toLowerCase(Locale.ROOT)));
    }
    JsonNode report;
    try {
      report = json.readTree(body);
    } catch (IOException notJson) {
      return malformed();
    }
    if (report == null || !report.isObject() || !text(report.get("enrollment"))) {
      return malformed();
    }
    JsonNode percent = report.get("percent");
    JsonNode lesson = report.get("lessonCompleted");
    boolean byPercent = percent != null && !percent.isNull();
    boolean byLesson = lesson != null && !lesson.isNull();
    if (byPercent == byLesson || (byPercent && (!percent.isIntegralNumber() || percent.asInt(-1) < 0
        || percent.asInt(-1) > 100 || !percent.canConvertToInt())) || (byLesson && !text(lesson))) {
      return malformed();
    }
    String key = report.get("enrollment").asText();
    Optional<Enrollment> enrollment = enrollments.find(key);
    if (enrollment.isEmpty()) {
      return ResponseEntity.status(404).body(Map.of("error", "unknown enrollment"));
    }
    int now;
    if (byPercent) {
      now = percent.asInt();
    } else if (learning.builtIn()) {
      now = learning.completeLesson(key, lesson.asText()).orElse(enrollment.get().progressPercent());
    } else {
      now = learning.progressFromLms(key);
    }
    boolean moved = enrollments.recordProgress(key, now);
    return ResponseEntity.accepted().body(Map.of("accepted", true, "moved", moved,
        "percent", enrollments.require(key).progressPercent()));
  }

  private static boolean text(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank() && node.asText().length() <= MAX_ID;
  }

  private static ResponseEntity<Map<String, Object>> malformed() {
    return ResponseEntity.badRequest().body(Map.of("error",
        "body must be {\"enrollment\": key, \"percent\": 0-100} or {\"enrollment\": key, \"lessonCompleted\": id}"));
  }
}
