package io.escala.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.escala.support.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MercadoPagoPaymentsTest {

  static final String TOKEN = "APP_USR-1234567890-test-token";
  static final String SECRET = "mp-webhook-secret-0f1e2d3c";
  static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

  private static final WireMockServer mercadoPago = new WireMockServer(wireMockConfig().dynamicPort());

  private final MutableClock clock = new MutableClock(NOW);
  private final MercadoPagoPayments payments = new MercadoPagoPayments(
      new PaymentsProperties.MercadoPago(URI.create(mercadoPago.baseUrl()), TOKEN, SECRET),
      Duration.ofSeconds(5), Duration.ofMinutes(5), clock);

  @BeforeAll
  static void start() {
    mercadoPago.start();
  }

  @AfterAll
  static void stop() {
    mercadoPago.stop();
  }

  @AfterEach
  void reset() {
    mercadoPago.resetAll();
  }

  static CheckoutRequest request(String key, Money price, PaymentMethods methods) {
    return new CheckoutRequest(key, " Ana.Souza@Example.com ", "Ana Souza", "Prompt engineering — cohort 3", price,
        URI.create("https://escala.example/courses/enrolled"), URI.create("https://escala.example/courses/failed"),
        URI.create("https://escala.example/courses/pending"),
        URI.create("https://escala.example/webhooks/payments/mercadopago"), "enrollment-42", methods, null);
  }

  @Test
  void opensACheckoutProPreferenceWithTheDocumentedFieldsAndAnIdempotencyKey() {
    mercadoPago.stubFor(post("/checkout/preferences").willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"id":"202809963-920c288b-4ebb-40be-966f-700250fa5370",
             "init_point":"https://www.mercadopago.com.mx/checkout/v1/redirect?pref_id=202809963-920c288b",
             "sandbox_init_point":"https://sandbox.mercadopago.com.mx/checkout/v1/redirect?pref_id=202809963-920c288b",
             "collector_id":202809963,"operation_type":"regular_payment","external_reference":"enrollment-42"}""")));

    Checkout checkout = payments.createCheckout(request("pi-1:Pay:ex-1:ana", Money.of("1500.5", "MXN"), null));

    assertThat(checkout).isEqualTo(new Checkout("mercadopago", "202809963-920c288b-4ebb-40be-966f-700250fa5370",
        "https://www.mercadopago.com.mx/checkout/v1/redirect?pref_id=202809963-920c288b", false));
    mercadoPago.verify(1, postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalTo("application/json"))
        // a digest of Escala's key: the same on every retry, no process ids sent out
        .withHeader("X-Idempotency-Key", equalTo(ProviderHttp.idempotencyHeader("pi-1:Pay:ex-1:ana")))
        .withHeader("X-Idempotency-Key", matching("[0-9a-f]{64}"))
        .withRequestBody(equalToJson("""
            {"items":[{"id":"enrollment-42","title":"Prompt engineering — cohort 3","quantity":1,
                       "currency_id":"MXN","unit_price":1500.50}],
             "payer":{"email":"ana.souza@example.com","name":"Ana Souza"},
             "back_urls":{"success":"https://escala.example/courses/enrolled",
                          "failure":"https://escala.example/courses/failed",
                          "pending":"https://escala.example/courses/pending"},
             "auto_return":"approved",
             "notification_url":"https://escala.example/webhooks/payments/mercadopago",
             "external_reference":"enrollment-42"}""")));
  }

  @Test
  void putsPixFirstForReaisAndSendsWholePesosAsIntegers() {
    mercadoPago.stubFor(post("/checkout/preferences").willReturn(okJson("""
        {"id":"pref-1","init_point":"https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=pref-1"}""")));
    CheckoutRequest pix = new CheckoutRequest("k-pix", "ana@example.com", null, "Curso de IA",
        Money.of("297", "BRL"), URI.create("https://escala.example/ok"), URI.create("https://escala.example/no"), null,
        null, "enrollment-7", PaymentMethods.PIX_FIRST, Instant.parse("2026-03-03T15:00:00Z"));

    payments.createCheckout(pix);
    payments.createCheckout(request("k-clp", Money.of("15000", "CLP"), null));

    mercadoPago.verify(postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withRequestBody(equalToJson("""
            {"items":[{"id":"enrollment-7","title":"Curso de IA","quantity":1,"currency_id":"BRL","unit_price":297}],
             "payer":{"email":"ana@example.com"},
             "back_urls":{"success":"https://escala.example/ok","failure":"https://escala.example/no"},
             "auto_return":"approved","external_reference":"enrollment-7",
             "payment_methods":{"default_payment_method_id":"pix"},
             "expires":true,"expiration_date_to":"2026-03-03T15:00:00.000+00:00",
             "date_of_expiration":"2026-03-03T15:00:00.000+00:00"}""")));
    mercadoPago.verify(postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withRequestBody(matching(".*\"currency_id\":\"CLP\",\"unit_price\":15000}.*")));
  }

  @Test
  void refusesCentsOfColombianPesosWhichMercadoPagoDoesNotTake() {
    assertThatThrownBy(() -> payments.createCheckout(request("k-cop", Money.of("150000.50", "COP"), null)))
        .isInstanceOf(PaymentRefusedException.class)
        .hasMessageContaining("whole Colombian pesos");
    assertThat(mercadoPago.getAllServeEvents()).isEmpty();
  }

  @Test
  void badCredentialsAreRefusedAndOutagesRetried() {
    mercadoPago.stubFor(post("/checkout/preferences").willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"invalid access token\",\"error\":\"unauthorized\",\"status\":401,\"cause\":[]}")));
    assertThatThrownBy(() -> payments.createCheckout(request("k1", Money.of("10", "USD"), null)))
        .isInstanceOf(PaymentRefusedException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("invalid access token")
        .hasMessageNotContaining(TOKEN);

    mercadoPago.stubFor(get("/v1/payments/123").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> payments.fetch("123")).isInstanceOf(PaymentUnavailableException.class);

    // a proxy's page with 200 is not a payment: retried, never read as "pending"
    mercadoPago.stubFor(get("/v1/payments/124").willReturn(aResponse().withStatus(200).withBody("<html>ok</html>")));
    assertThatThrownBy(() -> payments.fetch("124")).isInstanceOf(PaymentUnavailableException.class);
  }

  static String payment(String id, String status, String detail, String amount, String currency) {
    return """
        {"id":%s,"status":"%s","status_detail":"%s","transaction_amount":%s,"currency_id":"%s",
         "external_reference":"enrollment-42","payment_method_id":"pix","payment_type_id":"bank_transfer",
         "date_created":"2026-03-02T11:59:00.000-04:00","live_mode":true}"""
        .formatted(id, status, detail, amount, currency);
  }

  @ParameterizedTest
  @CsvSource({
      "approved,     accredited,             APPROVED",
      "pending,      pending_waiting_transfer, PENDING",
      "in_process,   pending_contingency,    PENDING",
      "rejected,     cc_rejected_other_reason, REJECTED",
      "refunded,     refunded,               REFUNDED",
      "charged_back, settled,                CHARGED_BACK",
      "in_mediation, ,                       APPROVED",
      "cancelled,    expired,                EXPIRED",
      "cancelled,    by_collector,           CANCELLED",
  })
  void readsThePaymentBackWithItsStatusAmountAndReference(String status, String detail, PaymentStatus expected) {
    mercadoPago.stubFor(get("/v1/payments/1316783547")
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson(payment("1316783547", status, detail == null ? "" : detail, "297.9", "BRL"))));

    PaymentState state = payments.fetch("1316783547");

    assertThat(state).isEqualTo(new PaymentState("mercadopago", "1316783547", null, expected,
        Money.of("297.90", "BRL"), "enrollment-42"));
  }

  // ---- x-signature, computed here as Mercado Pago documents it

  static String manifestSignature(String secret, String dataId, String requestId, String ts) {
    String manifest = (dataId == null ? "" : "id:" + dataId + ";")
        + (requestId == null ? "" : "request-id:" + requestId + ";")
        + "ts:" + ts + ";";
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "ts=" + ts + ",v1=" + HexFormat.of().formatHex(mac.doFinal(manifest.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] body(String dataId) {
    return ("""
        {"action":"payment.updated","api_version":"v1","data":{"id":"%s"},"date_created":"2026-03-02T14:59:50Z",
         "id":123456789012,"live_mode":true,"type":"payment","user_id":202809963}""").formatted(dataId)
        .getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> headers(String signature, String requestId) {
    Map<String, String> headers = new HashMap<>();
    headers.put("X-Signature", signature);
    if (requestId != null) {
      headers.put("X-Request-Id", requestId);
    }
    headers.put("Content-Type", "application/json");
    return headers;
  }

  static Map<String, String> query(String dataId) {
    return Map.of("data.id", dataId, "type", "payment");
  }

  private final String requestId = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e";
  private final String ts = String.valueOf(NOW.getEpochSecond() - 20);

  @Test
  void acceptsANotificationSignedAsDocumented() {
    Notification notification = payments.verify(
        headers(manifestSignature(SECRET, "1316783547", requestId, ts), requestId), query("1316783547"),
        body("1316783547"));

    assertThat(notification).isEqualTo(new Notification.Verified("mercadopago", requestId, "1316783547", "payment"));
  }

  @Test
  void signsTheLowerCasedIdAndLeavesOutWhatIsAbsent() {
    // an alphanumeric data.id is signed in lower case; without x-request-id that part is left out of the manifest
    Notification withoutRequestId = payments.verify(
        headers(manifestSignature(SECRET, "abc123def", null, ts), null), query("ABC123DEF"), body("ABC123DEF"));
    assertThat(withoutRequestId).isInstanceOf(Notification.Verified.class);
    assertThat(((Notification.Verified) withoutRequestId).eventId()).isEqualTo("ts:" + ts + ";id:ABC123DEF");

    // millisecond timestamps, as some notifications carry, are read as such
    String millis = String.valueOf(NOW.toEpochMilli() - 20_000);
    assertThat(payments.verify(headers(manifestSignature(SECRET, "1316783547", requestId, millis), requestId),
        query("1316783547"), body("1316783547"))).isInstanceOf(Notification.Verified.class);
  }

  @Test
  void refusesForgedStaleAndUnsignedNotifications() {
    String genuine = manifestSignature(SECRET, "1316783547", requestId, ts);

    // someone else's payment id put in the URL under a captured signature
    assertThat(payments.verify(headers(genuine, requestId), query("999999999"), body("999999999")))
        .isEqualTo(new Notification.Refused(Notification.Reason.BAD_SIGNATURE, "x-signature does not match"));
    // signed with another secret
    assertThat(payments.verify(headers(manifestSignature("another-secret", "1316783547", requestId, ts), requestId),
        query("1316783547"), body("1316783547")))
        .extracting(n -> ((Notification.Refused) n).reason()).isEqualTo(Notification.Reason.BAD_SIGNATURE);
    // a request id swapped for another
    assertThat(payments.verify(headers(genuine, "another-request"), query("1316783547"), body("1316783547")))
        .extracting(n -> ((Notification.Refused) n).reason()).isEqualTo(Notification.Reason.BAD_SIGNATURE);
    // genuine, but replayed six minutes later
    clock.advance(Duration.ofMinutes(6));
    assertThat(payments.verify(headers(genuine, requestId), query("1316783547"), body("1316783547")))
        .extracting(n -> ((Notification.Refused) n).reason()).isEqualTo(Notification.Reason.STALE);
    // no header, or not ts=…,v1=…
    assertThat(payments.verify(Map.of("x-request-id", requestId), query("1316783547"), body("1316783547")))
        .extracting(n -> ((Notification.Refused) n).reason()).isEqualTo(Notification.Reason.MISSING_SIGNATURE);
    assertThat(payments.verify(headers("v1=abc", requestId), query("1316783547"), body("1316783547")))
        .extracting(n -> ((Notification.Refused) n).reason()).isEqualTo(Notification.Reason.MALFORMED);
  }

  @Test
  void ignoresGenuineNotificationsAboutOtherTopics() {
    Notification order = payments.verify(headers(manifestSignature(SECRET, "8754120", requestId, ts), requestId),
        Map.of("data.id", "8754120", "type", "merchant_order"), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(order).isEqualTo(new Notification.Ignored("mercadopago", requestId, "merchant_order"));
  }
}
