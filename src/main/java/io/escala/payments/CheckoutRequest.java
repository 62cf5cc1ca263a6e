package io.escala.payments;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One payment page to open for one purchase. Checked here, before anything is recorded or sent.
 *
 * @param idempotencyKey the same on every retry of the step that asks (e.g. {@code IdempotencyKeys.of(...)}): a retry
 *     gets the checkout the first attempt opened
 * @param payerEmail where the provider sends its receipt; kept with the checkout, so erasing the person erases it
 * @param payerName shown on the payment page where the provider takes it; may be null
 * @param itemTitle what is bought, as the payer reads it on the payment page and the statement
 * @param price more than zero
 * @param successUrl where the payer lands after paying
 * @param failureUrl where the payer lands after giving up or being declined (Stripe's {@code cancel_url})
 * @param pendingUrl where the payer lands while a Pix or cash payment is pending (Mercado Pago only); may be null
 * @param notificationUrl where the provider posts its notifications for this checkout (Mercado Pago only: Stripe
 *     sends to the endpoint configured in its Dashboard); may be null
 * @param externalReference Escala's id of the purchase (e.g. the enrollment id); read back with every payment
 * @param methods which payment methods to put first
 * @param expiresAt after this the page takes no payment; null for the provider's default. Stripe takes 30 min to 24 h
 *     from now
 */
public record CheckoutRequest(
    String idempotencyKey,
    String payerEmail,
    String payerName,
    String itemTitle,
    Money price,
    URI successUrl,
    URI failureUrl,
    URI pendingUrl,
    URI notificationUrl,
    String externalReference,
    PaymentMethods methods,
    Instant expiresAt) {

  public CheckoutRequest {
    requireText(idempotencyKey, "an idempotency key", 1024);
    requireText(payerEmail, "the payer's e-mail address", 320);
    payerEmail = payerEmail.strip().toLowerCase(Locale.ROOT);
    if (!payerEmail.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("A checkout needs the payer's e-mail address, got something else");
    }
    payerName = payerName == null || payerName.isBlank() ? null : payerName.strip();
    requireText(itemTitle, "an item title", 256);
    Objects.requireNonNull(price, "A checkout needs a price");
    if (price.amount().signum() <= 0) {
      throw new IllegalArgumentException("A checkout's price must be more than zero (free courses skip payment)");
    }
    Objects.requireNonNull(successUrl, "A checkout needs a success URL");
    Objects.requireNonNull(failureUrl, "A checkout needs a failure URL");
    requireText(externalReference, "an external reference", 256);
    methods = methods == null ? PaymentMethods.ANY : methods;
    if (methods == PaymentMethods.PIX_FIRST && !"BRL".equals(price.currencyCode())) {
      throw new IllegalArgumentException("Pix takes Brazilian reais only, not " + price.currencyCode());
    }
  }

  private static void requireText(String value, String what, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A checkout needs " + what);
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException("A checkout's " + what + " has at most " + maxLength + " characters");
    }
  }
}
