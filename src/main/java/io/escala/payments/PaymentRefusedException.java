package io.escala.payments;

import io.escala.platform.NonRetryableException;

/**
 * The provider refused the request for good (bad credentials, an amount or currency it does not take, an unknown
 * payment), or Escala refused to send it. No retry helps: thrown out of a delegate it is an incident at once.
 */
public class PaymentRefusedException extends NonRetryableException {

  private final int httpStatus;

  public PaymentRefusedException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /** The provider's HTTP status, 0 when Escala refused before sending. */
  public int httpStatus() {
    return httpStatus;
  }
}
