package io.escala.payments;

/** Where a payment stands, as read back from the provider. */
public enum PaymentStatus {
  /** Not paid yet: the page is open, a Pix or cash payment waits, a card is being reviewed. */
  PENDING,
  APPROVED,
  /** This attempt was declined; the payer may try again on the same page. */
  REJECTED,
  /** Paid, then fully refunded. A partial refund leaves the payment {@link #APPROVED}. */
  REFUNDED,
  /** Paid, then taken back by the payer's bank after a dispute the seller lost. */
  CHARGED_BACK,
  CANCELLED,
  /** The page or the Pix / cash voucher ran out of time unpaid. */
  EXPIRED;

  /** Paid and not taken back. */
  public boolean isPaid() {
    return this == APPROVED;
  }

  /** The money went back to the payer after it was paid. */
  public boolean isReversal() {
    return this == REFUNDED || this == CHARGED_BACK;
  }
}
