package io.escala.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escala.platform.Hmac;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mercado Pago, the region's default: a Checkout Pro preference ({@code POST /checkout/preferences}) per checkout, the
 * payment read back with {@code GET /v1/payments/{id}}, and Webhooks notifications checked by their
 * {@code x-signature} header.
 *
 * <p>Mercado Pago signs a manifest, not the body: {@code id:[data.id];request-id:[x-request-id];ts:[ts];}, with
 * {@code data.id} taken from the notification URL's query (lower-cased, as the documentation asks for alphanumeric
 * ids) and any part the notification lacks left out. So nothing is read from the body but the event type, and the
 * payment itself is always read back.
 */
public class MercadoPagoPayments implements PaymentProvider {

  public static final String NAME = "mercadopago";

  private static final Logger log = LoggerFactory.getLogger(MercadoPagoPayments.class);

  /** Payment and preference ids are digits (payments) or digits, dashes and letters (preferences). */
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,16}");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  /** A unix time with more digits than this is in milliseconds (Mercado Pago sends either). */
  private static final long LARGEST_SECONDS = 99_999_999_999L;
  private static final DateTimeFormatter MERCADO_PAGO_TIME = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

  private final PaymentsProperties.MercadoPago settings;
  private final Duration replayTolerance;
  private final Clock clock;
  private final ProviderHttp http;
  private final String base;
  private final byte[] webhookSecret;

  public MercadoPagoPayments(
      PaymentsProperties.MercadoPago settings, Duration timeout, Duration replayTolerance, Clock clock) {
    ProviderHttp.requireSetting(settings.accessToken(), "escala.payments.mercadopago.access-token",
        "the application's access token (Your integrations → Credentials)");
    ProviderHttp.requireSetting(settings.webhookSecret(), "escala.payments.mercadopago.webhook-secret",
        "the secret signature of the application's Webhooks (Webhooks → Configure notifications)");
    this.settings = settings;
    this.replayTolerance = replayTolerance;
    this.clock = clock;
    this.http = new ProviderHttp("Mercado Pago", timeout);
    this.base = settings.baseUrl().toString().replaceAll("/+$", "");
    this.webhookSecret = settings.webhookSecret().trim().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Checkout createCheckout(CheckoutRequest request) {
    ObjectNode preference = preference(request);
    HttpRequest post;
    try {
      post = http.request(URI.create(base + "/checkout/preferences"))
          .header("Authorization", "Bearer " + settings.accessToken().trim())
          .header("Content-Type", "application/json")
          .header("X-Idempotency-Key", ProviderHttp.idempotencyHeader(request.idempotencyKey()))
          .POST(HttpRequest.BodyPublishers.ofString(http.json.writeValueAsString(preference), StandardCharsets.UTF_8))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Mercado Pago preference could not be written as JSON", e);
    }
    JsonNode answer = http.send(post, "the preference of " + request.externalReference());
    String id = answer.path("id").asText(null);
    String initPoint = answer.path("init_point").asText(null);
    if (id == null || initPoint == null) {
      throw new PaymentUnavailableException("Mercado Pago created a preference for " + request.externalReference()
          + " but answered without its id or init_point");
    }
    return new Checkout(NAME, id, initPoint, false);
  }

  ObjectNode preference(CheckoutRequest request) {
    Money price = request.price();
    if ("COP".equals(price.currencyCode()) && !price.isWhole()) {
      // Mercado Pago answers "Prices in COP currency must be expressed with integer values"; rounding would change
      // the price the payer was shown
      throw new PaymentRefusedException(0, "Mercado Pago takes whole Colombian pesos only, not " + price);
    }
    ObjectNode body = http.json.createObjectNode();
    body.putArray("items").addObject()
        .put("id", request.externalReference())
        .put("title", request.itemTitle())
        .put("quantity", 1)
        .put("currency_id", price.currencyCode())
        .put("unit_price", price.isWhole() ? price.amount().setScale(0) : price.amount());
    ObjectNode payer = body.putObject("payer").put("email", request.payerEmail());
    if (request.payerName() != null) {
      payer.put("name", request.payerName());
    }
    ObjectNode backUrls = body.putObject("back_urls")
        .put("success", request.successUrl().toString())
        .put("failure", request.failureUrl().toString());
    if (request.pendingUrl() != null) {
      backUrls.put("pending", request.pendingUrl().toString());
    }
    body.put("auto_return", "approved");
    if (request.notificationUrl() != null) {
      body.put("notification_url", request.notificationUrl().toString());
    }
    body.put("external_reference", request.externalReference());
    if (request.methods() == PaymentMethods.PIX_FIRST) {
      body.putObject("payment_methods").put("default_payment_method_id", "pix");
    }
    if (request.expiresAt() != null) {
      String until = MERCADO_PAGO_TIME.format(request.expiresAt().atOffset(ZoneOffset.UTC));
      // the preference stops taking payments, and a Pix code issued from it expires at the same time
      body.put("expires", true).put("expiration_date_to", until).put("date_of_expiration", until);
    }
    return body;
  }

  @Override
  public PaymentState fetch(String paymentId) {
    if (paymentId == null || !RESOURCE_ID.matcher(paymentId).matches()) {
      throw new PaymentRefusedException(0, "'" + paymentId + "' is not a Mercado Pago payment id");
    }
    HttpRequest get = http.request(URI.create(base + "/v1/payments/" + paymentId))
        .header("Authorization", "Bearer " + settings.accessToken().trim())
        .GET()
        .build();
    JsonNode payment = http.send(get, "payment " + paymentId);
    String currency = payment.path("currency_id").asText(null);
    JsonNode amount = payment.path("transaction_amount");
    return new PaymentState(
        NAME,
        payment.path("id").asText(paymentId),
        null,
        status(paymentId, payment.path("status").asText(""), payment.path("status_detail").asText("")),
        currency == null || !amount.isNumber() ? null : money(paymentId, amount.decimalValue(), currency),
        emptyToNull(payment.path("external_reference").asText(null)));
  }

  /** Mercado Pago's payment statuses; {@code in_mediation} is a dispute still open, so the payment still stands. */
  static PaymentStatus status(String paymentId, String status, String detail) {
    return switch (status) {
      case "pending", "in_process", "authorized" -> PaymentStatus.PENDING;
      case "approved", "in_mediation" -> PaymentStatus.APPROVED;
      case "rejected" -> PaymentStatus.REJECTED;
      case "cancelled" -> "expired".equals(detail) ? PaymentStatus.EXPIRED : PaymentStatus.CANCELLED;
      case "refunded" -> PaymentStatus.REFUNDED;
      case "charged_back" -> PaymentStatus.CHARGED_BACK;
      default -> {
        // neither grants nor ends access; the next notification reads it again
        log.warn("Mercado Pago payment {} has status '{}' ({}), which Escala does not know; taken as pending",
            paymentId, status, detail);
        yield PaymentStatus.PENDING;
      }
    };
  }

  private static Money money(String paymentId, BigDecimal amount, String currency) {
    try {
      return Money.of(amount, currency);
    } catch (IllegalArgumentException e) {
      throw new PaymentRefusedException(0, "Mercado Pago payment " + paymentId + " is not in an amount Escala takes: "
          + e.getMessage());
    }
  }

  @Override
  public Notification verify(Map<String, String> headers, Map<String, String> query, byte[] body) {
    Map<String, String> header = ProviderHttp.caseInsensitive(headers);
    Map<String, String> params = query == null ? Map.of() : query;
    String signature = header.get("x-signature");
    if (ProviderHttp.isBlank(signature)) {
      return new Notification.Refused(Notification.Reason.MISSING_SIGNATURE, "no x-signature header");
    }
    Map<String, List<String>> parts = ProviderHttp.signatureParts(signature);
    String ts = parts.getOrDefault("ts", List.of()).stream().findFirst().orElse(null);
    String v1 = parts.getOrDefault("v1", List.of()).stream().findFirst().orElse(null);
    if (ts == null || v1 == null || !DIGITS.matcher(ts).matches() || !HEX_SHA256.matcher(v1).matches()) {
      return new Notification.Refused(Notification.Reason.MALFORMED, "x-signature is not ts=…,v1=…");
    }
    String dataId = emptyToNull(params.get("data.id"));
    String requestId = emptyToNull(header.get("x-request-id"));
    byte[] expected = Hmac.sha256(webhookSecret, manifest(dataId, requestId, ts).getBytes(StandardCharsets.UTF_8));
    // the signature is checked before the clock, so STALE is never an oracle for forged requests
    if (!Hmac.matches(expected, HexFormat.of().parseHex(v1))) {
      return new Notification.Refused(Notification.Reason.BAD_SIGNATURE, "x-signature does not match");
    }
    long signedAt = Long.parseLong(ts);
    long signedAtMillis = signedAt > LARGEST_SECONDS ? signedAt : signedAt * 1000;
    if (Math.abs(clock.millis() - signedAtMillis) > replayTolerance.toMillis()) {
      return new Notification.Refused(Notification.Reason.STALE, "signed more than "
          + replayTolerance.toSeconds() + " s away from now");
    }
    String eventId = requestId != null ? requestId : "ts:" + ts + ";id:" + dataId;
    String type = notificationType(params, body);
    if (!"payment".equals(type)) {
      return new Notification.Ignored(NAME, eventId, type);
    }
    if (dataId == null || !RESOURCE_ID.matcher(dataId).matches()) {
      return new Notification.Refused(Notification.Reason.MALFORMED, "a payment notification without data.id");
    }
    return new Notification.Verified(NAME, eventId, dataId, type);
  }

  /** What Mercado Pago signs: each part present, in this order, each ending in ';'. */
  static String manifest(String dataId, String requestId, String ts) {
    StringBuilder manifest = new StringBuilder();
    if (dataId != null) {
      manifest.append("id:").append(dataId.toLowerCase(Locale.ROOT)).append(';');
    }
    if (requestId != null) {
      manifest.append("request-id:").append(requestId).append(';');
    }
    return manifest.append("ts:").append(ts).append(';').toString();
  }

  /** The URL's {@code type} (Webhooks) or {@code topic} (older IPN-style URLs), else the body's. */
  private String notificationType(Map<String, String> params, byte[] body) {
    String type = emptyToNull(params.get("type"));
    if (type == null) {
      type = emptyToNull(params.get("topic"));
    }
    if (type == null && body != null) {
      JsonNode json = http.readJson(new String(body, StandardCharsets.UTF_8));
      type = emptyToNull(json.path("type").asText(json.path("topic").asText(null)));
    }
    return type == null ? "unknown" : type;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
