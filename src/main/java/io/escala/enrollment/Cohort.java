package io.escala.enrollment;

import io.escala.payments.Money;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One run of a course: when it starts (its live kick-off, or the webinar itself), how many seats, what it costs.
 *
 * @param price null for a free cohort
 * @param joinUrl the live session's meeting link; null when the cohort has no live session
 * @param replayUrl the recording, sent to those who did not attend; may be null
 */
public record Cohort(long id, long courseId, String code, Instant startsAt, Instant endsAt, ZoneId timeZone,
    int capacity, int seatsTaken, Money price, String joinUrl, String replayUrl, boolean enrollmentOpen) {

  public boolean isFree() {
    return price == null;
  }

  public boolean isLive() {
    return joinUrl != null && !joinUrl.isBlank();
  }

  public int seatsLeft() {
    return Math.max(0, capacity - seatsTaken);
  }

  /** Open to enrollment: open on the staff page and not started yet. */
  public boolean takesEnrollments(Instant now) {
    return enrollmentOpen && now.isBefore(startsAt);
  }
}
