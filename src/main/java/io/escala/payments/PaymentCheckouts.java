package io.escala.payments;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code payment_checkout}: the checkouts Escala opened, and where each one's payment stands.
 *
 * <p>A checkout's status moves only forward, whatever order the provider's notifications come in: a pending or failed
 * checkout takes any news; an approved one only a refund or chargeback of the payment that approved it (a second
 * attempt's rejection, or an older "pending" read back late, changes nothing); a refunded or charged-back one is
 * final.
 */
public class PaymentCheckouts {

  private static final Logger log = LoggerFactory.getLogger(PaymentCheckouts.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  public PaymentCheckouts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A checkout as recorded. */
  public record StoredCheckout(
      long id,
      String idempotencyKey,
      String provider,
      String checkoutId,
      String redirectUrl,
      String externalReference,
      Money price,
      PaymentStatus status,
      String paymentId) {

    Checkout reused() {
      return new Checkout(provider, checkoutId, redirectUrl, true);
    }
  }

  public Optional<StoredCheckout> byIdempotencyKey(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM payment_checkout WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query((rs, row) -> read(rs))
        .optional();
  }

  /** The newest checkout for Escala's reference at this provider. */
  public Optional<StoredCheckout> latestFor(String provider, String externalReference) {
    return jdbc.sql("""
            SELECT * FROM payment_checkout WHERE provider = :provider AND external_reference = :reference
             ORDER BY created_at DESC, id DESC
            """)
        .param("provider", provider)
        .param("reference", externalReference)
        .query((rs, row) -> read(rs))
        .stream()
        .findFirst();
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the key was recorded meanwhile */
  void insert(CheckoutRequest request, Checkout checkout) {
    jdbc.sql("""
            INSERT INTO payment_checkout (idempotency_key, provider, checkout_id, redirect_url, external_reference,
                                          payer_email, amount, currency, status, created_at)
            VALUES (:key, :provider, :checkoutId, :redirectUrl, :reference, :email, :amount, :currency, 'PENDING',
                    :now)
            """)
        .param("key", request.idempotencyKey())
        .param("provider", checkout.provider())
        .param("checkoutId", checkout.checkoutId())
        .param("redirectUrl", checkout.redirectUrl())
        .param("reference", request.externalReference())
        .param("email", request.payerEmail())
        .param("amount", request.price().amount())
        .param("currency", request.price().currencyCode())
        .param("now", now())
        .update();
  }

  /**
   * Applies a payment read back from the provider to its checkout, under a row lock so that concurrent notifications
   * apply one after the other.
   *
   * @return the checkout's status before and after, or empty when no Escala checkout has this payment
   */
  Optional<Change> apply(PaymentState payment) {
    Optional<Long> rowId = payment.checkoutId() != null
        ? jdbc.sql("SELECT id FROM payment_checkout WHERE provider = :provider AND checkout_id = :checkoutId")
            .param("provider", payment.provider())
            .param("checkoutId", payment.checkoutId())
            .query(Long.class).optional()
        : payment.externalReference() == null
            ? Optional.empty()
            : latestFor(payment.provider(), payment.externalReference()).map(StoredCheckout::id);
    if (rowId.isEmpty()) {
      return Optional.empty();
    }
    StoredCheckout current = jdbc.sql("SELECT * FROM payment_checkout WHERE id = :id FOR UPDATE")
        .param("id", rowId.get())
        .query((rs, row) -> read(rs))
        .single();
    if (!follows(current.status(), current.paymentId(), payment)) {
      if (current.status() == PaymentStatus.APPROVED && payment.status() == PaymentStatus.APPROVED) {
        log.warn("Checkout {} ({}) was paid by payment {} and now also by payment {}: one of them needs a refund",
            current.checkoutId(), current.externalReference(), current.paymentId(), payment.paymentId());
      }
      return Optional.of(new Change(current.externalReference(), current.status(), current.status()));
    }
    jdbc.sql("UPDATE payment_checkout SET status = :status, payment_id = :paymentId, updated_at = :now WHERE id = :id")
        .param("status", payment.status().name())
        .param("paymentId", payment.paymentId())
        .param("now", now())
        .param("id", current.id())
        .update();
    return Optional.of(new Change(current.externalReference(), current.status(), payment.status()));
  }

  /** A checkout's status before and after a payment was read back. */
  public record Change(String externalReference, PaymentStatus before, PaymentStatus after) {

    public boolean changed() {
      return before != after;
    }
  }

  /** Whether {@code next} may replace a checkout's {@code current} status (see the class comment). */
  static boolean follows(PaymentStatus current, String currentPaymentId, PaymentState next) {
    if (next.status() == current && next.paymentId().equals(currentPaymentId)) {
      return false;
    }
    return switch (current) {
      case PENDING, REJECTED, CANCELLED, EXPIRED -> true;
      case APPROVED -> next.status().isReversal() && next.paymentId().equals(currentPaymentId);
      case REFUNDED, CHARGED_BACK -> false;
    };
  }

  private static StoredCheckout read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredCheckout(
        rs.getLong("id"),
        rs.getString("idempotency_key"),
        rs.getString("provider"),
        rs.getString("checkout_id"),
        rs.getString("redirect_url"),
        rs.getString("external_reference"),
        // NUMERIC(19,2) gives CLP two zero decimals back; Money takes them off again
        Money.of(rs.getBigDecimal("amount"), rs.getString("currency")),
        PaymentStatus.valueOf(rs.getString("status")),
        rs.getString("payment_id"));
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }
}
