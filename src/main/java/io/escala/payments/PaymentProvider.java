package io.escala.payments;

import java.util.Map;

/**
 * A payment service provider: opens payment pages, reads payments back, checks the signatures of its notifications.
 * The one bean of this type records every checkout, so a retried step gets the first checkout back.
 */
public interface PaymentProvider {

  /** {@code mercadopago}, {@code stripe}, or {@code disabled}. */
  String name();

  /** {@code false} when payments are switched off: then every checkout is refused with a clear exception. */
  default boolean enabled() {
    return true;
  }

  /**
   * @throws PaymentUnavailableException the provider did not answer, throttled or failed: retry
   * @throws PaymentRefusedException the provider refused the request (credentials, amount, currency): no retry helps
   * @throws PaymentsDisabledException payments are switched off in this installation
   */
  Checkout createCheckout(CheckoutRequest request);

  /**
   * The payment as the provider reports it now.
   *
   * @param providerPaymentOrSessionId a {@link Notification.Verified#resourceId()}, a Mercado Pago payment id, or a
   *     Stripe Checkout Session id
   */
  PaymentState fetch(String providerPaymentOrSessionId);

  /**
   * Checks a webhook call the way the provider documents it; reads nothing from the provider.
   *
   * @param headers the request's headers (any case)
   * @param query the request's query parameters (Mercado Pago signs {@code data.id} from the URL)
   * @param body the raw body bytes, as received
   */
  Notification verify(Map<String, String> headers, Map<String, String> query, byte[] body);
}
