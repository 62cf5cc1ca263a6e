package io.escala.payments;

/** What a provider's webhook call says once its signature is checked; nothing in it is a payment's state. */
public sealed interface Notification {

  /**
   * Signed by the provider, about a payment to read back.
   *
   * @param eventId what tells this notification apart from a replay of it: Stripe's event id, Mercado Pago's
   *     {@code x-request-id} (its body is not signed, so nothing from the body)
   * @param resourceId what to pass to {@link PaymentProvider#fetch}
   * @param type the provider's event type ({@code payment}, {@code checkout.session.completed}, …), for logs
   */
  record Verified(String provider, String eventId, String resourceId, String type) implements Notification {}

  /** Signed by the provider but about nothing Escala reads (a merchant order, a payout): answered 200, no effect. */
  record Ignored(String provider, String eventId, String type) implements Notification {}

  /** Not to be believed: answered 4xx and ignored. */
  record Refused(Reason reason, String detail) implements Notification {}

  enum Reason {
    /** The signature header (or a part the signature covers) is missing. */
    MISSING_SIGNATURE,
    /** Signed with another secret, or the signed parts were changed. */
    BAD_SIGNATURE,
    /** Signed correctly but longer ago than the replay tolerance. */
    STALE,
    /** Not the provider's format. */
    MALFORMED,
    /** This installation has no webhook secret for the provider, or payments are off. */
    NOT_CONFIGURED
  }
}
