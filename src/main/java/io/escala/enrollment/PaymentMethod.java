package io.escala.enrollment;

/** How a person pays for a cohort; a free cohort has none. */
public enum PaymentMethod {
  /** Card (or any method) on the provider's page: Mercado Pago Checkout Pro or Stripe Checkout. */
  CARD,
  /** Pix through Mercado Pago: Brazilian reais only. */
  PIX,
  /** Bank transfer, confirmed by staff in the "Confirm transfer" task. */
  TRANSFER
}
