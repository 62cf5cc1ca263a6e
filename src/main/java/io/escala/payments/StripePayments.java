package io.escala.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.escala.platform.Hmac;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stripe: a Checkout Session ({@code POST /v1/checkout/sessions}, form-encoded) per checkout; the session read back
 * with its PaymentIntent and latest charge expanded, so refunds and lost disputes show; webhook events checked by
 * their {@code Stripe-Signature} header ({@code t=…,v1=…}, HMAC-SHA256 of {@code t + "." + body}).
 *
 * <p>Amounts go in the currency's smallest unit: cents for COP, MXN, BRL and the others, whole pesos for CLP (a
 * zero-decimal currency at Stripe), which is what {@link Money#minorUnits()} gives.
 */
public class StripePayments implements PaymentProvider {

  public static final String NAME = "stripe";

  /**
   * Pinned so the shapes read here do not change with the account's default version; {@code latest_charge} on the
   * PaymentIntent exists since this one.
   */
  static final String API_VERSION = "2022-11-15";

  private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_]{1,250}");
  private static final Pattern PAYMENT_INTENT_ID = Pattern.compile("pi_[A-Za-z0-9_]{1,250}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,12}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  /** Stripe's limits on {@code expires_at}. */
  private static final Duration SHORTEST_EXPIRY = Duration.ofMinutes(30);
  private static final Duration LONGEST_EXPIRY = Duration.ofHours(24);

  private final PaymentsProperties.Stripe settings;
  private final Duration replayTolerance;
  private final Clock clock;
  private final ProviderHttp http;
  private final String base;
  private final byte[] webhookSecret;

  public StripePayments(PaymentsProperties.Stripe settings, Duration timeout, Duration replayTolerance, Clock clock) {
    ProviderHttp.requireSetting(settings.secretKey(), "escala.payments.stripe.secret-key",
        "a secret (sk_…) or restricted (rk_…) API key");
    ProviderHttp.requireSetting(settings.webhookSecret(), "escala.payments.stripe.webhook-secret",
        "the webhook endpoint's signing secret (whsec_…)");
    this.settings = settings;
    this.replayTolerance = replayTolerance;
    this.clock = clock;
    this.http = new ProviderHttp("Stripe", timeout);
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.webhookSecret = settings.webhookSecret().trim().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    HttpRequest post = authorized(URI.create(base + "/v1/checkout/sessions"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Idempotency-Key", ProviderHttp.idempotencyHeader(request.idempotencyKey()))
        .POST(HttpRequest.BodyPublishers.ofString(formEncoded(sessionParameters(request)), StandardCharsets.UTF_8))
        .build();
    JsonNode session = http.send(post, "the Checkout Session of " + request.externalReference());
    String id = session.path("id").asText(null);
    String url = session.path("url").asText(null);
    if (id == null || url == null) {
      throw new PaymentUnavailableException("Stripe created a Checkout Session for " + request.externalReference()
          + " but answered without its id or url");
    }
    return new Checkout(NAME, id, url, false);
  }

  /** Stripe's form parameters, in the bracket notation its API takes. */
  Map<String, String> sessionParameters(CheckoutRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("mode", "payment");
    form.put("line_items[0][quantity]", "1");
    form.put("line_items[0][price_data][currency]", request.price().currencyCode().toLowerCase(Locale.ROOT));
    form.put("line_items[0][price_data][unit_amount]", Long.toString(request.price().minorUnits()));
    form.put("line_items[0][price_data][product_data][name]", request.itemTitle());
    form.put("success_url", request.successUrl().toString());
    form.put("cancel_url", request.failureUrl().toString());
    form.put("client_reference_id", request.externalReference());
    form.put("customer_email", request.payerEmail());
    form.put("metadata[external_reference]", request.externalReference());
    // refunds and disputes are on the PaymentIntent and its charge: the reference travels with them
    form.put("payment_intent_data[metadata][external_reference]", request.externalReference());
    if (request.expiresAt() != null) {
      Duration left = Duration.between(clock.instant(), request.expiresAt());
      if (left.compareTo(SHORTEST_EXPIRY) < 0 || left.compareTo(LONGEST_EXPIRY) > 0) {
        throw new PaymentRefusedException(0, "A Stripe Checkout Session expires 30 minutes to 24 hours after it is"
            + " created, not in " + left.toMinutes() + " minutes");
      }
      form.put("expires_at", Long.toString(request.expiresAt().getEpochSecond()));
    }
    return form;
  }

  @Override
  public PaymentState fetch(String sessionOrPaymentIntentId) {
    String id = sessionOrPaymentIntentId == null ? "" : sessionOrPaymentIntentId.trim();
    JsonNode session;
    if (SESSION_ID.matcher(id).matches()) {
      session = http.send(authorized(URI.create(base + "/v1/checkout/sessions/" + id
          + "?expand%5B%5D=payment_intent.latest_charge")).GET().build(), "Checkout Session " + id);
    } else if (PAYMENT_INTENT_ID.matcher(id).matches()) {
      JsonNode sessions = http.send(authorized(URI.create(base + "/v1/checkout/sessions?payment_intent=" + id
          + "&expand%5B%5D=data.payment_intent.latest_charge")).GET().build(), "the Checkout Session of " + id);
      session = sessions.path("data").path(0);
      if (!session.isObject()) {
        throw new PaymentRefusedException(404, "Stripe has no Checkout Session for PaymentIntent " + id
            + ": the payment was not made through an Escala checkout");
      }
    } else {
      throw new PaymentRefusedException(0, "'" + id + "' is neither a Stripe Checkout Session nor a PaymentIntent id");
    }
    return state(session);
  }

  private PaymentState state(JsonNode session) {
    String sessionId = session.path("id").asText();
    JsonNode paymentIntent = session.path("payment_intent");
    String paymentIntentId = paymentIntent.isObject() ? paymentIntent.path("id").asText(null)
        : paymentIntent.asText(null);
    JsonNode charge = paymentIntent.path("latest_charge");
    String currency = session.path("currency").asText(null);
    Money amount = currency == null || !session.path("amount_total").canConvertToLong() ? null
        : Money.ofMinorUnits(session.path("amount_total").asLong(), currency);
    String reference = session.path("client_reference_id").asText(null);
    return new PaymentState(
        NAME,
        paymentIntentId != null ? paymentIntentId : sessionId,
        sessionId,
        status(session, paymentIntent, charge, paymentIntentId),
        amount,
        reference == null || reference.isBlank() ? null : reference);
  }

  private PaymentStatus status(JsonNode session, JsonNode paymentIntent, JsonNode charge, String paymentIntentId) {
    if (charge.path("disputed").asBoolean(false) && disputeLost(paymentIntentId)) {
      return PaymentStatus.CHARGED_BACK;
    }
    if (charge.path("refunded").asBoolean(false)) {
      // Stripe sets refunded only once the whole amount is back; a partial refund leaves the payment standing
      return PaymentStatus.REFUNDED;
    }
    String paymentStatus = session.path("payment_status").asText("");
    if (paymentStatus.equals("paid") || paymentStatus.equals("no_payment_required")) {
      return PaymentStatus.APPROVED;
    }
    if (session.path("status").asText("").equals("expired")) {
      return PaymentStatus.EXPIRED;
    }
    String intentStatus = paymentIntent.path("status").asText("");
    if (intentStatus.equals("canceled")) {
      return PaymentStatus.CANCELLED;
    }
    if (session.path("status").asText("").equals("complete") && charge.path("status").asText("").equals("failed")) {
      // a delayed method (boleto, OXXO, bank debit) that failed after the payer left the page
      return PaymentStatus.REJECTED;
    }
    return PaymentStatus.PENDING;
  }

  /** An open dispute leaves the payment standing; only a lost one takes the money back. */
  private boolean disputeLost(String paymentIntentId) {
    if (paymentIntentId == null) {
      return false;
    }
    JsonNode disputes = http.send(authorized(URI.create(base + "/v1/disputes?payment_intent=" + paymentIntentId))
        .GET().build(), "the disputes of " + paymentIntentId);
    for (JsonNode dispute : disputes.path("data")) {
      if (dispute.path("status").asText("").equals("lost")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Notification verify(Map<String, String> headers, Map<String, String> query, byte[] body) {
    String signature = ProviderHttp.caseInsensitive(headers).get("Stripe-Signature");
    if (ProviderHttp.isBlank(signature)) {
      return new Notification.Refused(Notification.Reason.MISSING_SIGNATURE, "no Stripe-Signature header");
    }
    if (body == null) {
      return new Notification.Refused(Notification.Reason.MALFORMED, "no body");
    }
    Map<String, List<String>> parts = ProviderHttp.signatureParts(signature);
    String timestamp = parts.getOrDefault("t", List.of()).stream().findFirst().orElse(null);
    // several v1 values while the endpoint's secret is being rolled; v0 (test-mode legacy) is not trusted
    List<byte[]> signatures = parts.getOrDefault("v1", List.of()).stream()
        .filter(value -> HEX_SHA256.matcher(value).matches())
        .map(value -> HexFormat.of().parseHex(value))
        .toList();
    if (timestamp == null || !DIGITS.matcher(timestamp).matches() || signatures.isEmpty()) {
      return new Notification.Refused(Notification.Reason.MALFORMED, "Stripe-Signature is not t=…,v1=…");
    }
    byte[] expected = Hmac.sha256(webhookSecret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    if (signatures.stream().noneMatch(presented -> Hmac.matches(expected, presented))) {
      return new Notification.Refused(Notification.Reason.BAD_SIGNATURE, "no v1 signature matches");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
    if (skew > replayTolerance.toSeconds()) {
      return new Notification.Refused(Notification.Reason.STALE, "signed " + skew + " s away from now");
    }
    JsonNode event = http.readJson(new String(body, StandardCharsets.UTF_8));
    String eventId = event.path("id").asText(null);
    String type = event.path("type").asText(null);
    JsonNode object = event.path("data").path("object");
    if (eventId == null || type == null || !object.isObject()) {
      return new Notification.Refused(Notification.Reason.MALFORMED, "not a Stripe event");
    }
    String resource = resourceOf(type, object);
    return resource == null
        ? new Notification.Ignored(NAME, eventId, type)
        : new Notification.Verified(NAME, eventId, resource, type);
  }

  /** The session or PaymentIntent an event is about, or null for events that are about no checkout payment. */
  private static String resourceOf(String type, JsonNode object) {
    String id;
    if (type.startsWith("checkout.session.") || type.startsWith("payment_intent.")) {
      id = object.path("id").asText(null);
    } else if (type.equals("charge.refunded") || type.startsWith("charge.refund.")
        || type.startsWith("charge.dispute.")) {
      id = object.path("payment_intent").asText(null);
    } else {
      return null;
    }
    return id != null && (SESSION_ID.matcher(id).matches() || PAYMENT_INTENT_ID.matcher(id).matches()) ? id : null;
  }

  private HttpRequest.Builder authorized(URI uri) {
    return http.request(uri)
        .header("Authorization", "Bearer " + settings.secretKey().trim())
        .header("Stripe-Version", API_VERSION);
  }

  static String formEncoded(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((key, value) -> {
      if (!body.isEmpty()) {
        body.append('&');
      }
      body.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    });
    return body.toString();
  }
}
