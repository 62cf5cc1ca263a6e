package io.escala.enrollment;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What customer success needs of a learner who stopped: when they were last nudged, and the outcome of the follow-up
 * (columns of {@code course_enrollment} added by V35).
 */
@Component
public class StalledLearners {

  static final int MAX_NOTE = 2000;

  /** What came of customer success's follow-up, the values of the form's {@code stallOutcome} radio. */
  public enum Outcome {
    REACHED("reached"),
    NO_ANSWER("noAnswer"),
    DROPPED_OUT("droppedOut");

    private final String formValue;

    Outcome(String formValue) {
      this.formValue = formValue;
    }

    public String formValue() {
      return formValue;
    }

    public static Optional<Outcome> ofFormValue(String value) {
      for (Outcome outcome : values()) {
        if (outcome.formValue.equals(value)) {
          return Optional.of(outcome);
        }
      }
      return Optional.empty();
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  StalledLearners(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A nudge went out now. */
  void nudged(String enrollmentKey) {
    jdbc.sql("UPDATE course_enrollment SET last_nudge_at = ? WHERE enrollment_key = ?")
        .params(CourseCatalog.utc(clock.instant()), enrollmentKey).update();
  }

  public Optional<Instant> lastNudge(String enrollmentKey) {
    return jdbc.sql("SELECT last_nudge_at FROM course_enrollment WHERE enrollment_key = ?").param(enrollmentKey)
        .query((rs, row) -> Optional.ofNullable(CourseCatalog.instant(rs, "last_nudge_at"))).optional()
        .flatMap(found -> found);
  }

  /** Records the follow-up's outcome; a later one (a second stall) replaces it. */
  public void recordOutcome(String enrollmentKey, Outcome outcome, String note) {
    String trimmed = note == null || note.isBlank() ? null : note.strip();
    if (trimmed != null && trimmed.length() > MAX_NOTE) {
      trimmed = trimmed.substring(0, MAX_NOTE);
    }
    int updated = jdbc.sql("UPDATE course_enrollment SET stall_outcome = ?, stall_note = ?, stall_recorded_at = ?"
            + " WHERE enrollment_key = ?")
        .params(outcome.name(), trimmed, CourseCatalog.utc(clock.instant()), enrollmentKey).update();
    if (updated == 0) {
      throw new IllegalStateException("No enrollment " + enrollmentKey);
    }
  }

  /** The outcome recorded last, for tests and the staff record. */
  public Optional<Outcome> outcome(String enrollmentKey) {
    return jdbc.sql("SELECT stall_outcome FROM course_enrollment WHERE enrollment_key = ?").param(enrollmentKey)
        .query(String.class).list().stream().filter(value -> value != null)
        .findFirst().map(value -> Outcome.valueOf(value.toUpperCase(Locale.ROOT)));
  }
}
