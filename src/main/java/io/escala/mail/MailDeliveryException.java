package io.escala.mail;

/**
 * The SMTP server did not take the e-mail. A technical failure: the Camunda job is retried and, when its retries run
 * out, becomes an incident. The message names the stored mail id, never the address (incidents are widely visible).
 */
public class MailDeliveryException extends RuntimeException {

  public MailDeliveryException(String message) {
    super(message);
  }

  public MailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
