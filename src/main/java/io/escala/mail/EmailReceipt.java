package io.escala.mail;

/** What became of a send request. {@code DUPLICATE}: the key was already delivered, nothing was sent again. */
public record EmailReceipt(long messageId, Status status) {

  public enum Status { SENT, OUTBOX, DUPLICATE }
}
