package io.escala.enrollment;

/** The e-mails of course enrollment, to the person enrolling unless said otherwise ({@code CourseMailer}). */
public enum CourseMail {
  /** On the waitlist, with the position and the status link. */
  WAITLISTED,
  /** A seat freed up: take it before the offer expires (offer link). */
  SEAT_OFFERED,
  /** The cohort started while they waited. */
  WAITLIST_CLOSED,
  /** Seat reserved: pay by card or Pix before the due time (pay link). */
  PAYMENT_REQUESTED,
  /** Seat reserved: bank details, amount, currency and the reference to quote. */
  TRANSFER_INSTRUCTIONS,
  /** Not paid in time, or the offer not taken: the seat went to someone else. */
  SEAT_RELEASED,
  /** Enrolled: access details (learner link), and an iCalendar invite when the cohort has a live session. */
  WELCOME,
  /** After a live session: the replay link, to those who did not attend. */
  REPLAY,
  /** Progress reached a milestone (25, 50, 75 %). */
  MILESTONE,
  /** No progress for a while. */
  NUDGE,
  /** Completed: the certificate's verification page and PDF. */
  CERTIFICATE,
  /** Refund or chargeback: access has ended. */
  ACCESS_ENDED
}
