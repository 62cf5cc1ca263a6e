package io.escala.leads;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.LocaleConfiguration;
import io.escala.platform.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Machine endpoints for external tools, authenticated by an HMAC signature over the raw body (see
 * {@link WebhookSignature}): {@code POST /leads/webhook} (a lead from a form tool) and {@code POST /leads/events}
 * (page visit, webinar attended, reply, hard bounce). A request that is not signed right starts nothing.
 */
@RestController
class LeadWebhookController {

  private static final int MAX_BODY = 64 * 1024;

  private final WebhookSignature signature;
  private final LeadService leadService;
  private final Validator validator;
  private final MessageSource messages;
  private final Clock clock;
  private final ObjectMapper json;

  LeadWebhookController(WebhookSignature signature, LeadService leadService, Validator validator,
      MessageSource messages, Clock clock, ObjectMapper objectMapper) {
    this.signature = signature;
    this.leadService = leadService;
    this.validator = validator;
    this.messages = messages;
    this.clock = clock;
    this.json = objectMapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** What a form tool posts; field names as on the contact form. */
  record WebhookLead(String name, String email, String company, String role, String companySize, String country,
      String budgetRange, String interest, String need, String timeZone, String language, Boolean consentEmail,
      Boolean consentPhone, String consentText, String source) {}

  record LeadEvent(String email, String type, String detail, String eventId) {}

  @PostMapping(path = "/leads/webhook", consumes = "application/json", produces = "application/json")
  ResponseEntity<Map<String, Object>> lead(@RequestBody byte[] body, HttpServletRequest request,
      @RequestHeader(name = "X-Escala-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Escala-Signature", required = false) String signatureHeader) {
    ResponseEntity<Map<String, Object>> refused = checkSignature(body, timestamp, signatureHeader);
    if (refused != null) {
      return refused;
    }
    WebhookLead posted;
    try {
      posted = json.readValue(body, WebhookLead.class);
    } catch (IOException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "body is not a JSON lead"));
    }
    if (posted == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "body is not a JSON lead"));
    }
    Locale locale = LocaleConfiguration.supported(posted.language());
    LeadSubmission submission = toSubmission(posted);
    Map<String, String> errors = new LinkedHashMap<>();
    Set<ConstraintViolation<LeadSubmission>> violations = validator.validate(submission);
    violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), localized(v.getMessageTemplate(), locale)));
    boolean anyConsent = submission.isConsentEmail() || submission.isConsentPhone();
    if (anyConsent && (posted.consentText() == null || posted.consentText().isBlank())) {
      errors.put("consentText", localized("{lead.consentText.required}", locale));
    } else if (posted.consentText() != null && posted.consentText().length() > 2000) {
      errors.put("consentText", localized("{lead.consentText.size}", locale));
    }
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("errors", errors));
    }
    String source = "webhook:" + sanitizeSource(posted.source());
    LeadService.Captured captured = leadService.capture(submission, locale,
        anyConsent ? posted.consentText().strip() : "(no consent given)", source, request.getRemoteAddr());
    return ResponseEntity.accepted().body(Map.of("leadKey", captured.leadKey(), "outcome", captured.outcome()));
  }

  @PostMapping(path = "/leads/events", consumes = "application/json", produces = "application/json")
  ResponseEntity<Map<String, Object>> event(@RequestBody byte[] body,
      @RequestHeader(name = "X-Escala-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Escala-Signature", required = false) String signatureHeader) {
    ResponseEntity<Map<String, Object>> refused = checkSignature(body, timestamp, signatureHeader);
    if (refused != null) {
      return refused;
    }
    LeadEvent event;
    try {
      event = json.readValue(body, LeadEvent.class);
    } catch (IOException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "body is not a JSON event"));
    }
    if (event == null) {
      return ResponseEntity.badRequest().body(Map.of("error", "body is not a JSON event"));
    }
    if (event.email() == null || event.email().isBlank() || event.eventId() == null || event.eventId().isBlank()
        || event.eventId().length() > 200 || (event.detail() != null && event.detail().length() > 500)) {
      return ResponseEntity.badRequest().body(Map.of("error", "email and eventId are required"));
    }
    EngagementType type = switch (event.type() == null ? "" : event.type()) {
      case "page_visit" -> EngagementType.PAGE_VISIT;
      case "webinar_attended" -> EngagementType.WEBINAR_ATTENDED;
      case "reply" -> EngagementType.REPLY;
      case "hard_bounce" -> null;
      default -> throw new InvalidEventType();
    };
    String leadKey = LeadKeys.of(event.email());
    if (!leadService.isKnown(leadKey)) {
      return ResponseEntity.status(404).body(Map.of("error", "unknown lead"));
    }
    boolean recorded = type == null ? leadService.bounced(leadKey)
        : leadService.engaged(leadKey, type, event.detail(), event.eventId());
    // A replayed eventId is accepted and counted once.
    return ResponseEntity.accepted().body(Map.of("accepted", true, "new", recorded));
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(InvalidEventType.class)
  ResponseEntity<Map<String, Object>> invalidType() {
    return ResponseEntity.badRequest().body(
        Map.of("error", "type must be one of page_visit, webinar_attended, reply, hard_bounce"));
  }

  /** An event type Escala does not know. */
  static final class InvalidEventType extends RuntimeException {
    InvalidEventType() {
      super(null, null, false, false);
    }
  }

  private ResponseEntity<Map<String, Object>> checkSignature(byte[] body, String timestamp, String signatureHeader) {
    if (body.length > MAX_BODY) {
      return ResponseEntity.status(413).body(Map.of("error", "body too large"));
    }
    WebhookSignature.Result result = signature.verify(body, timestamp, signatureHeader, clock.instant());
    if (result != WebhookSignature.Result.VALID) {
      return ResponseEntity.status(401).body(Map.of("error", "signature " + result.name().toLowerCase(Locale.ROOT)));
    }
    return null;
  }

  private String localized(String template, Locale locale) {
    String key = template.startsWith("{") && template.endsWith("}") ? template.substring(1, template.length() - 1)
        : template;
    return messages.getMessage(key, null, key, locale);
  }

  private static String sanitizeSource(String source) {
    if (source == null || source.isBlank()) {
      return "unknown";
    }
    String clean = source.replaceAll("[^A-Za-z0-9._-]", "");
    return clean.isEmpty() ? "unknown" : clean.substring(0, Math.min(40, clean.length()));
  }

  private static LeadSubmission toSubmission(WebhookLead posted) {
    LeadSubmission submission = new LeadSubmission();
    submission.setName(posted.name());
    submission.setEmail(posted.email()); // trimmed by the setter
    submission.setCompany(posted.company());
    submission.setRole(emptyIfNull(posted.role()));
    submission.setCompanySize(emptyIfNull(posted.companySize()));
    submission.setCountry(emptyIfNull(posted.country()));
    submission.setBudgetRange(emptyIfNull(posted.budgetRange()));
    submission.setInterest(posted.interest());
    submission.setNeed(posted.need());
    submission.setTimeZone(posted.timeZone());
    submission.setConsentEmail(Boolean.TRUE.equals(posted.consentEmail()));
    submission.setConsentPhone(Boolean.TRUE.equals(posted.consentPhone()));
    return submission;
  }

  private static String emptyIfNull(String value) {
    return value == null ? "" : value;
  }
}
