package io.escala.mail;

/** Life of a row in {@code mail_message}. */
public enum MailStatus {
  /** Stored, nobody is delivering it yet. */
  PENDING,
  /** An attempt is talking to the SMTP server right now (or crashed doing so; see {@code claimed_at}). */
  SENDING,
  /** The SMTP server accepted it. Final. */
  SENT,
  /** The last attempt failed; the next attempt with the same key tries again. */
  FAILED,
  /** Outbox mode: kept for staff to read at /staff/outbox, never sent. Final. */
  OUTBOX;

  /** A request with the key of a finished message sends nothing. */
  public boolean isFinished() {
    return this == SENT || this == OUTBOX;
  }
}
