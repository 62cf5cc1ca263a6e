package io.escala.payments;

import io.escala.platform.NonRetryableException;

/** Payments are switched off ({@code escala.payments.enabled=false}), and something asked for one. */
public class PaymentsDisabledException extends NonRetryableException {

  public PaymentsDisabledException() {
    super("Payments are switched off in this installation: set escala.payments.enabled=true and the provider's"
        + " credentials (see README, \"Payments\") before selling a paid course");
  }
}
