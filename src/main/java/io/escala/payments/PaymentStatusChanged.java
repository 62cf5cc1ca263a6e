package io.escala.payments;

/**
 * A Spring application event: a verified notification, read back from the provider, moved a checkout's status. It is
 * published inside the transaction that records the notification, so a listener that fails rolls the record back and
 * the provider's retry is processed again. Payments names no flow: a flow listens and recognizes its own references.
 *
 * @param provider {@code mercadopago} or {@code stripe}
 * @param externalReference the reference the checkout was opened with (e.g. an enrollment key)
 */
public record PaymentStatusChanged(String provider, String externalReference, PaymentStatus before,
    PaymentStatus after) {}
