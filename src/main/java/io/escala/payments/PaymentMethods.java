package io.escala.payments;

/** Which payment methods a checkout offers first; every method enabled in the provider's account stays available. */
public enum PaymentMethods {
  /** The provider's own order. */
  ANY,
  /** Pix first (BRL only), through Mercado Pago; Stripe offers the methods enabled in its Dashboard. */
  PIX_FIRST
}
