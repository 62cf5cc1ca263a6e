package io.escala.payments;

import java.util.Map;

/** Payments switched off: paid checkouts are refused with a clear exception, notifications are not believed. */
class DisabledPayments implements PaymentProvider {

  @Override
  public String name() {
    return "disabled";
  }

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    throw new PaymentsDisabledException();
  }

  @Override
  public PaymentState fetch(String providerPaymentOrSessionId) {
    throw new PaymentsDisabledException();
  }

  @Override
  public Notification verify(Map<String, String> headers, Map<String, String> query, byte[] body) {
    return new Notification.Refused(Notification.Reason.NOT_CONFIGURED, "payments are switched off");
  }
}
