package io.escala.payments;

/** The provider did not answer in time, throttled or failed; the job is retried. */
public class PaymentUnavailableException extends RuntimeException {

  public PaymentUnavailableException(String message) {
    super(message);
  }

  public PaymentUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
