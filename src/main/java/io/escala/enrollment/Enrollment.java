package io.escala.enrollment;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * One person in one cohort, as {@code course_enrollment} holds it. The case's business key is
 * {@code cohort code + ":" + normalized e-mail}; the {@code key} is random and is what links and payment providers
 * carry (it names no person).
 */
public record Enrollment(long id, String key, String businessKey, long cohortId, String email, String name,
    Locale language, String country, ZoneId timeZone, Status status, boolean holdsSeat,
    Instant offerExpiresAt, PaymentMethod paymentMethod, Instant paymentDueAt, Instant paidAt,
    String transferReference, Instant enrolledAt, String lmsUserId, int progressPercent, Instant progressAt,
    int milestoneSent, Instant attendedAt, Instant completedAt, String certificateCode, String endedReason,
    Instant createdAt) {

  public enum Status {
    /** A seat is held while the person pays. */
    RESERVED,
    /** The cohort was full: waiting, in arrival order, for a seat to free up. */
    WAITLISTED,
    /** A freed seat is held for this person until {@code offerExpiresAt}. */
    OFFERED,
    /** Paid (or free) and pushed to the LMS. */
    ENROLLED,
    COMPLETED,
    /** Gave the seat back: not paid in time, an offer not taken, or the cohort started while waiting. */
    RELEASED,
    /** Refunded or charged back after enrolling. */
    ACCESS_ENDED
  }

  public boolean hasAccess() {
    return status == Status.ENROLLED || status == Status.COMPLETED;
  }
}
