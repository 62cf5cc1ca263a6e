package io.escala.payments;

/**
 * A payment page opened at the provider.
 *
 * @param provider {@code mercadopago} or {@code stripe}
 * @param checkoutId the provider's id: Mercado Pago's preference id, Stripe's Checkout Session id ({@code cs_…})
 * @param redirectUrl where to send the payer
 * @param reused the idempotency key had opened this checkout before; nothing was sent to the provider now
 */
public record Checkout(String provider, String checkoutId, String redirectUrl, boolean reused) {}
