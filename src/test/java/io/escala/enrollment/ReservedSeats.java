package io.escala.enrollment;

import io.escala.payments.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seats reserved for payment, as {@link Enrollments#enroll} leaves them: a course and cohort saved through the
 * catalog, the enrollment rows written here so that no case of course-enrollment runs alongside (its diagram is
 * tested on its own).
 */
final class ReservedSeats {

  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final JdbcClient jdbc;

  ReservedSeats(CourseCatalog catalog, Enrollments enrollments, JdbcClient jdbc) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.jdbc = jdbc;
  }

  record Reserved(Enrollment enrollment, Cohort cohort) {}

  /**
   * @param run names the course ({@code IA generativa <run>}) and cohort; seats of one run share them
   * @param zone the cohort's and the learner's time zone
   */
  Reserved reserve(String run, PaymentMethod method, Money price, String language, String country, ZoneId zone) {
    Course course = catalog.save(new CourseCatalog.CourseDraft("ia-" + run.toLowerCase(Locale.ROOT),
        "IA generativa " + run, "Prompts, avaliação e ética para docentes.", Locale.forLanguageTag("pt-BR"),
        Course.Kind.COURSE, null, 8, true));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant starts = now.plus(Duration.ofDays(30));
    Cohort cohort = catalog.save(new CourseCatalog.CohortDraft(course.id(), "IA-" + run, starts,
        starts.plus(Duration.ofDays(28)), zone, 20, price, null, null, true));
    String key = UUID.randomUUID().toString().replace("-", "");
    String email = "learner-" + key.substring(0, 8) + "@example.com";
    jdbc.sql("INSERT INTO course_enrollment (enrollment_key, business_key, cohort_id, email, name, language, country,"
            + " time_zone, status, holds_seat, payment_method, payment_due_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RESERVED', TRUE, ?, ?, ?, ?)")
        .params(key, Enrollments.businessKey(cohort.code(), email), cohort.id(), email, "Joana Conceição", language,
            country, zone.getId(), method.name(), now.plus(Duration.ofHours(48)).atOffset(ZoneOffset.UTC),
            now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql("UPDATE course_cohort SET seats_taken = seats_taken + 1 WHERE id = ?").param(cohort.id()).update();
    return new Reserved(enrollments.require(key), catalog.cohort(cohort.id()).orElseThrow());
  }
}
