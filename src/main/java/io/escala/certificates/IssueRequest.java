package io.escala.certificates;

import io.escala.platform.LocaleConfiguration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * What a certificate states, as the enrollment flow knows it when a learner completes a course.
 *
 * @param courseRun the cohort or run the learner completed (with the e-mail, what makes issuing idempotent)
 * @param learnerName the name as it is printed, accents and all
 * @param learnerEmail the learner's address (normalized here)
 * @param courseTitle the course's title, in the certificate's language
 * @param language the learner's language; es, pt-BR or en (anything else becomes the nearest of them)
 */
public record IssueRequest(String courseRun, String learnerName, String learnerEmail, String courseTitle,
    LocalDate completedOn, Locale language) {

  public IssueRequest {
    courseRun = required(courseRun, "courseRun", 100);
    learnerName = required(learnerName, "learnerName", 200);
    learnerEmail = normalizeEmail(learnerEmail);
    courseTitle = required(courseTitle, "courseTitle", 300);
    Objects.requireNonNull(completedOn, "completedOn");
    language = LocaleConfiguration.supported(language);
  }

  /** Trimmed and lower case: "Ana@Example.com " and "ana@example.com" are one learner. */
  static String normalizeEmail(String email) {
    String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (normalized.length() > 320 || normalized.indexOf('@') < 1 || normalized.indexOf('@') == normalized.length() - 1) {
      throw new IllegalArgumentException("Not an e-mail address for a certificate: " + email);
    }
    return normalized;
  }

  String idempotencyKey() {
    return "course-run:" + courseRun + ":" + learnerEmail;
  }

  private static String required(String value, String name, int maxLength) {
    String stripped = value == null ? "" : value.strip();
    if (stripped.isEmpty() || stripped.length() > maxLength) {
      throw new IllegalArgumentException(name + " must have 1 to " + maxLength + " characters");
    }
    return stripped;
  }
}
