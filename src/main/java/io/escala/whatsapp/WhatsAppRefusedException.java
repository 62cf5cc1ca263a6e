package io.escala.whatsapp;

import io.escala.platform.NonRetryableException;

/**
 * WhatsApp refused the message for good: the number is not on WhatsApp (131026), the template or its translation does
 * not exist (132001), the parameters do not fit it (132000), the token is invalid (190). No retry helps, so it is a
 * {@link NonRetryableException}: thrown out of a delegate it is an incident at once. A step that should go on without
 * WhatsApp (fall back to e-mail) catches it, and may turn it into a modelled outcome with
 * {@code BusinessRefusal.of(execution, "whatsapp-refused", ...)}; the adapter knows no execution to do that itself.
 */
public class WhatsAppRefusedException extends NonRetryableException {

  private final int httpStatus;
  private final int errorCode;

  public WhatsAppRefusedException(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Meta's error code ({@code error.code}), -1 when the answer had none. */
  public int errorCode() {
    return errorCode;
  }
}
