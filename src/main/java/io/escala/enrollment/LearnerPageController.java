package io.escala.enrollment;

import io.escala.lms.BuiltInLms.Lesson;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The learner's pages, reached by the signed links of their e-mails: {@code /courses/learn/{token}} (course, progress,
 * the built-in lessons with "mark as done", the live session, the certificate) and {@code /courses/join/{token}}
 * (records attendance and goes on to the meeting).
 */
@Controller
class LearnerPageController {

  /** The join link opens the meeting this long before the session starts. */
  static final Duration JOIN_OPENS_BEFORE = Duration.ofMinutes(15);

  private final EnrollmentLinks links;
  private final Enrollments enrollments;
  private final CourseCatalog catalog;
  private final CourseLearning learning;
  private final Clock clock;

  LearnerPageController(EnrollmentLinks links, Enrollments enrollments, CourseCatalog catalog,
      CourseLearning learning, Clock clock) {
    this.links = links;
    this.enrollments = enrollments;
    this.catalog = catalog;
    this.learning = learning;
    this.clock = clock;
  }

  /** One lesson as the page lists it. */
  record LessonRow(String id, int position, String title, boolean done) {}

  @GetMapping("/courses/learn/{token}")
  String learn(@PathVariable String token, @RequestParam(name = "done", required = false) String done,
      Locale locale, Model model, HttpServletResponse response) {
    noStore(response);
    Optional<Enrollment> found = verified(links.verifyLearn(token), model, response);
    if (found.isEmpty()) {
      return "enrollment/problem";
    }
    Enrollment enrollment = found.get();
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    model.addAttribute("course", course);
    model.addAttribute("cohort", cohort);
    model.addAttribute("startsWhen", CourseTimes.dateTime(cohort.startsAt(), enrollment.timeZone(), locale));
    if (!enrollment.hasAccess()) {
      boolean ended = enrollment.status() == Enrollment.Status.ACCESS_ENDED
          || enrollment.status() == Enrollment.Status.RELEASED;
      model.addAttribute("ended", ended);
      model.addAttribute("statusUrl", links.status(enrollment));
      if (ended) {
        response.setStatus(HttpServletResponse.SC_GONE);
      }
      return "enrollment/learn-no-access";
    }
    model.addAttribute("token", token);
    model.addAttribute("name", enrollment.name());
    model.addAttribute("progress", enrollment.progressPercent());
    List<String> completed = learning.completedLessons(enrollment);
    List<LessonRow> lessons = learning.builtInLessons(course).stream()
        .map((Lesson lesson) -> new LessonRow(lesson.lessonId(), lesson.position(), lesson.title(),
            completed.contains(lesson.lessonId())))
        .toList();
    model.addAttribute("lessons", lessons);
    model.addAttribute("builtIn", learning.builtIn());
    model.addAttribute("justDone", lessons.stream().filter(row -> row.id().equals(done) && row.done()).findFirst()
        .map(LessonRow::title).orElse(null));
    model.addAttribute("live", cohort.isLive() && clock.instant().isBefore(cohort.endsAt()));
    model.addAttribute("joinUrl", cohort.isLive() ? links.join(enrollment) : null);
    model.addAttribute("replayUrl", cohort.replayUrl());
    String code = enrollment.certificateCode();
    model.addAttribute("certificateUrl", code == null ? null : "/certificates/" + code);
    model.addAttribute("certificatePdfUrl", code == null ? null : "/certificates/" + code + ".pdf");
    return "enrollment/learn";
  }

  @PostMapping("/courses/learn/{token}/lessons/{lessonId}")
  String markDone(@PathVariable String token, @PathVariable String lessonId, Model model,
      HttpServletResponse response) {
    Optional<Enrollment> found = verified(links.verifyLearn(token), model, response);
    if (found.isEmpty()) {
      return "enrollment/problem";
    }
    // No access, or a lesson the course does not have: the page shows the lessons as they are.
    learning.completeLesson(found.get().key(), lessonId);
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader(HttpHeaders.LOCATION, "/courses/learn/" + token + "?done=" + encoded(lessonId));
    return null;
  }

  @GetMapping("/courses/join/{token}")
  String join(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    noStore(response);
    Optional<Enrollment> found = verified(links.verifyJoin(token), model, response);
    if (found.isEmpty()) {
      return "enrollment/problem";
    }
    Enrollment enrollment = found.get();
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    model.addAttribute("course", course);
    model.addAttribute("startsWhen", CourseTimes.dateTime(cohort.startsAt(), enrollment.timeZone(), locale));
    model.addAttribute("learnUrl", links.learn(enrollment));
    if (!enrollment.hasAccess()) {
      model.addAttribute("ended", enrollment.status() == Enrollment.Status.ACCESS_ENDED
          || enrollment.status() == Enrollment.Status.RELEASED);
      model.addAttribute("statusUrl", links.status(enrollment));
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      return "enrollment/learn-no-access";
    }
    if (!cohort.isLive()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("state", "none");
      return "enrollment/learn-join";
    }
    Instant now = clock.instant();
    if (now.isBefore(cohort.startsAt().minus(JOIN_OPENS_BEFORE))) {
      model.addAttribute("state", "early");
      model.addAttribute("opensWhen", CourseTimes.dateTime(cohort.startsAt().minus(JOIN_OPENS_BEFORE),
          enrollment.timeZone(), locale));
      return "enrollment/learn-join";
    }
    if (!now.isBefore(cohort.endsAt())) {
      model.addAttribute("state", "over");
      model.addAttribute("replayUrl", cohort.replayUrl());
      return "enrollment/learn-join";
    }
    enrollments.recordAttendance(enrollment.key());
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader(HttpHeaders.LOCATION, cohort.joinUrl());
    return null;
  }

  /** The enrollment of a valid token; otherwise the page says why, with 404 (not valid) or 410 (expired). */
  private Optional<Enrollment> verified(SignedLinks.Verification link, Model model, HttpServletResponse response) {
    if (link.status() != SignedLinks.Status.VALID) {
      boolean expired = link.status() == SignedLinks.Status.EXPIRED;
      response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", expired ? "enrollment.problem.expired" : "enrollment.problem.invalid");
      return Optional.empty();
    }
    Optional<Enrollment> enrollment = enrollments.find(link.subject());
    if (enrollment.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", "enrollment.problem.invalid");
    }
    return enrollment;
  }

  private static void noStore(HttpServletResponse response) {
    // The token in the address is the learner's credential: no shared cache keeps the page.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private static String encoded(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
