package io.escala.enrollment;

import io.escala.enrollment.CourseCatalog.CohortDraft;
import io.escala.enrollment.CourseCatalog.CourseDraft;
import io.escala.payments.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Courses, cohorts and enrollment rows for tests of the learner's side: the rows are written directly, so no case of
 * {@code course-enrollment} starts.
 */
final class CourseFixtures {

  static final String LEARNER_NAME = "João Ñúñez Conceição";

  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final JdbcClient jdbc;

  CourseFixtures(CourseCatalog catalog, Enrollments enrollments, JdbcClient jdbc) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.jdbc = jdbc;
  }

  /** A course taught in Spanish; {@code lessons} 0 makes it a webinar. */
  Course course(String title, int lessons) {
    String slug = "curso-" + UUID.randomUUID().toString().substring(0, 8);
    return catalog.save(new CourseDraft(slug, title, "Un curso de prueba.", Locale.forLanguageTag("es"),
        lessons == 0 ? Course.Kind.WEBINAR : Course.Kind.COURSE, null, lessons, true));
  }

  /** Starts ten days after {@code now}, for two hours; a live cohort has a replay link too. */
  Cohort cohort(Course course, Money price, String joinUrl, Instant now) {
    Instant start = now.plus(Duration.ofDays(10));
    return catalog.save(new CohortDraft(course.id(), "C-" + UUID.randomUUID().toString().substring(0, 8), start,
        start.plus(Duration.ofHours(2)), ZoneId.of("America/Mexico_City"), 30, price, joinUrl,
        joinUrl == null ? null : "https://replay.example/" + course.slug(), true));
  }

  /** An enrollment in {@code status} (RESERVED, ENROLLED...) that holds no seat of the cohort's count. */
  Enrollment enrollment(Cohort cohort, String language, String country, String zone, String status, Instant now) {
    String key = UUID.randomUUID().toString().replace("-", "");
    String email = "aluno-" + key.substring(0, 6) + "@example.com";
    boolean enrolled = status.equals("ENROLLED");
    jdbc.sql("INSERT INTO course_enrollment (enrollment_key, business_key, cohort_id, email, name, language, country,"
            + " time_zone, status, holds_seat, payment_method, enrolled_at, progress_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?)")
        .params(key, Enrollments.businessKey(cohort.code(), email), cohort.id(), email, LEARNER_NAME,
            language, country, zone, status, cohort.isFree() ? null : "TRANSFER",
            enrolled ? CourseCatalog.utc(now) : null, enrolled ? CourseCatalog.utc(now) : null,
            CourseCatalog.utc(now), CourseCatalog.utc(now))
        .update();
    return enrollments.require(key);
  }
}
