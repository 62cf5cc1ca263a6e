package io.escala.whatsapp;

/** WhatsApp did not answer in time, throttled or failed; the job is retried. */
public class WhatsAppUnavailableException extends RuntimeException {

  public WhatsAppUnavailableException(String message) {
    super(message);
  }

  public WhatsAppUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
