package io.escala.payments;

import java.util.Objects;

/**
 * A payment as the provider reports it when asked; never taken from a notification's body.
 *
 * @param provider {@code mercadopago} or {@code stripe}
 * @param paymentId Mercado Pago's payment id; Stripe's PaymentIntent id ({@code pi_…}), or the session id while the
 *     session has none
 * @param checkoutId the checkout the payment belongs to where the provider says (Stripe's session id); null for
 *     Mercado Pago, whose payments name the external reference instead
 * @param amount what the payment is for, in its currency
 * @param externalReference Escala's id given at checkout; null when the payment was not made through Escala
 */
public record PaymentState(
    String provider,
    String paymentId,
    String checkoutId,
    PaymentStatus status,
    Money amount,
    String externalReference) {

  public PaymentState {
    Objects.requireNonNull(provider);
    Objects.requireNonNull(paymentId);
    Objects.requireNonNull(status);
  }
}
