package io.escala.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.escala.support.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripePaymentsTest {

  static final String KEY = "sk_test_51Escala000000000000";
  static final String SECRET = "whsec_test_secret_5d1b2c";
  static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

  private static final WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort());

  private final MutableClock clock = new MutableClock(NOW);
  private final StripePayments payments = new StripePayments(
      new PaymentsProperties.Stripe(URI.create(stripe.baseUrl()), KEY, SECRET),
      Duration.ofSeconds(5), Duration.ofMinutes(5), clock);

  @BeforeAll
  static void start() {
    stripe.start();
  }

  @AfterAll
  static void stop() {
    stripe.stop();
  }

  @AfterEach
  void reset() {
    stripe.resetAll();
  }

  static String createdSession(String id, String currency, long amountTotal) {
    return """
        {"id":"%s","object":"checkout.session","mode":"payment","status":"open","payment_status":"unpaid",
         "amount_total":%d,"currency":"%s","client_reference_id":"enrollment-42",
         "url":"https://checkout.stripe.com/c/pay/%s#fidkdWxOYHwnPyd1blpxYHZxWjA0"}"""
        .formatted(id, amountTotal, currency, id, id);
  }

  @Test
  void opensACheckoutSessionFormEncodedWithAnIdempotencyKey() {
    stripe.stubFor(post("/v1/checkout/sessions").willReturn(okJson(createdSession("cs_test_a1B2c3", "brl", 15050))));
    CheckoutRequest request = new CheckoutRequest("pi-1:Pay:ex-1:ana", "Ana@Example.com", "Ana",
        "Curso de IA: turma 3", Money.of("150.50", "BRL"), URI.create("https://escala.example/ok?c=1&x=ç"),
        URI.create("https://escala.example/no"), null, null, "enrollment-42", PaymentMethods.PIX_FIRST,
        NOW.plus(Duration.ofHours(2)));

    Checkout checkout = payments.createCheckout(request);

    assertThat(checkout).isEqualTo(new Checkout("stripe", "cs_test_a1B2c3",
        "https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0", false));
    stripe.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withHeader("Idempotency-Key", equalTo(ProviderHttp.idempotencyHeader("pi-1:Pay:ex-1:ana")))
        .withHeader("Stripe-Version", equalTo("2022-11-15"))
        .withFormParam("mode", equalTo("payment"))
        .withFormParam("line_items[0][quantity]", equalTo("1"))
        .withFormParam("line_items[0][price_data][currency]", equalTo("brl"))
        .withFormParam("line_items[0][price_data][unit_amount]", equalTo("15050"))
        .withFormParam("line_items[0][price_data][product_data][name]", equalTo("Curso de IA: turma 3"))
        .withFormParam("success_url", equalTo("https://escala.example/ok?c=1&x=ç"))
        .withFormParam("cancel_url", equalTo("https://escala.example/no"))
        .withFormParam("client_reference_id", equalTo("enrollment-42"))
        .withFormParam("customer_email", equalTo("ana@example.com"))
        .withFormParam("metadata[external_reference]", equalTo("enrollment-42"))
        .withFormParam("payment_intent_data[metadata][external_reference]", equalTo("enrollment-42"))
        .withFormParam("expires_at", equalTo(String.valueOf(NOW.plus(Duration.ofHours(2)).getEpochSecond())))
        // Pix is offered through Mercado Pago; Stripe shows the methods enabled in its Dashboard
        .withFormParam("payment_method_types[0]", absent()));
  }

  @Test
  void sendsChileanPesosWholeAndColombianPesosInCents() {
    stripe.stubFor(post("/v1/checkout/sessions").willReturn(okJson(createdSession("cs_test_x", "clp", 15000))));

    payments.createCheckout(MercadoPagoPaymentsTest.request("k-clp", Money.of("15000", "CLP"), null));
    payments.createCheckout(MercadoPagoPaymentsTest.request("k-cop", Money.of("150000.50", "COP"), null));

    stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
        .withFormParam("line_items[0][price_data][currency]", equalTo("clp"))
        .withFormParam("line_items[0][price_data][unit_amount]", equalTo("15000")));
    stripe.verify(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
        .withFormParam("line_items[0][price_data][currency]", equalTo("cop"))
        .withFormParam("line_items[0][price_data][unit_amount]", equalTo("15000050")));
  }

  @Test
  void refusesAnExpiryStripeDoesNotTakeAndReportsStripesErrors() {
    CheckoutRequest tooLong = new CheckoutRequest("k", "ana@example.com", null, "Curso", Money.of("10", "USD"),
        URI.create("https://e.example/ok"), URI.create("https://e.example/no"), null, null, "enrollment-1", null,
        NOW.plus(Duration.ofDays(2)));
    assertThatThrownBy(() -> payments.createCheckout(tooLong)).isInstanceOf(PaymentRefusedException.class)
        .hasMessageContaining("30 minutes to 24 hours");

    stripe.stubFor(post("/v1/checkout/sessions").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"error":{"type":"invalid_request_error","code":"amount_too_small",
             "message":"The Checkout Session's total amount due must add up to at least $0.50 usd"}}""")));
    assertThatThrownBy(() -> payments.createCheckout(
            MercadoPagoPaymentsTest.request("k2", Money.of("0.10", "USD"), null)))
        .isInstanceOf(PaymentRefusedException.class)
        .hasMessageContaining("at least $0.50 usd");

    stripe.stubFor(post("/v1/checkout/sessions").willReturn(aResponse().withStatus(429)));
    assertThatThrownBy(() -> payments.createCheckout(
            MercadoPagoPaymentsTest.request("k3", Money.of("10", "USD"), null)))
        .isInstanceOf(PaymentUnavailableException.class);
  }

  static String session(String status, String paymentStatus, String intent) {
    return """
        {"id":"cs_test_a1B2c3","object":"checkout.session","mode":"payment","status":"%s","payment_status":"%s",
         "amount_total":15050,"currency":"brl","client_reference_id":"enrollment-42",
         "metadata":{"external_reference":"enrollment-42"},"payment_intent":%s}"""
        .formatted(status, paymentStatus, intent);
  }

  static String intent(String status, String chargeStatus, boolean refunded, boolean disputed) {
    return """
        {"id":"pi_3MtwBwLkdIwHu7ix","object":"payment_intent","status":"%s","amount":15050,"currency":"brl",
         "latest_charge":{"id":"ch_3MtwBwLkdIwHu7ix","object":"charge","status":"%s","refunded":%s,
                          "amount_refunded":%d,"disputed":%s,"payment_intent":"pi_3MtwBwLkdIwHu7ix"}}"""
        .formatted(status, chargeStatus, refunded, refunded ? 15050 : 0, disputed);
  }

  private void sessionIs(String body) {
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/cs_test_a1B2c3"))
        .withQueryParam("expand[]", equalTo("payment_intent.latest_charge"))
        .withHeader("Authorization", equalTo("Bearer " + KEY))
        .willReturn(okJson(body)));
  }

  private PaymentStatus fetchedStatus() {
    return payments.fetch("cs_test_a1B2c3").status();
  }

  @Test
  void readsTheSessionBackWithItsAmountReferenceAndPaymentIntent() {
    sessionIs(session("complete", "paid", intent("succeeded", "succeeded", false, false)));

    assertThat(payments.fetch("cs_test_a1B2c3")).isEqualTo(new PaymentState("stripe", "pi_3MtwBwLkdIwHu7ix",
        "cs_test_a1B2c3", PaymentStatus.APPROVED, Money.of("150.50", "BRL"), "enrollment-42"));
  }

  @Test
  void mapsSessionsIntentsAndChargesToAPaymentStatus() {
    sessionIs(session("open", "unpaid", "null"));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.PENDING);
    assertThat(payments.fetch("cs_test_a1B2c3").paymentId()).isEqualTo("cs_test_a1B2c3");

    sessionIs(session("complete", "unpaid", intent("processing", "pending", false, false)));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.PENDING);

    sessionIs(session("complete", "unpaid", intent("requires_payment_method", "failed", false, false)));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.REJECTED);

    sessionIs(session("expired", "unpaid", "null"));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.EXPIRED);

    sessionIs(session("complete", "paid", intent("succeeded", "succeeded", true, false)));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void aDisputeTakesThePaymentBackOnlyOnceLost() {
    sessionIs(session("complete", "paid", intent("succeeded", "succeeded", false, true)));
    stripe.stubFor(get(urlPathEqualTo("/v1/disputes")).withQueryParam("payment_intent", equalTo("pi_3MtwBwLkdIwHu7ix"))
        .willReturn(okJson("""
            {"object":"list","url":"/v1/disputes","has_more":false,"data":[{"id":"dp_1MtJUT","object":"dispute",
             "amount":15050,"currency":"brl","charge":"ch_3MtwBwLkdIwHu7ix","payment_intent":"pi_3MtwBwLkdIwHu7ix",
             "reason":"fraudulent","status":"needs_response"}]}""")));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.APPROVED);

    stripe.stubFor(get(urlPathEqualTo("/v1/disputes")).willReturn(okJson("""
        {"object":"list","has_more":false,"data":[{"id":"dp_1MtJUT","object":"dispute","status":"lost",
         "charge":"ch_3MtwBwLkdIwHu7ix","payment_intent":"pi_3MtwBwLkdIwHu7ix"}]}""")));
    assertThat(fetchedStatus()).isEqualTo(PaymentStatus.CHARGED_BACK);
  }

  @Test
  void findsTheSessionOfAPaymentIntentNamedByARefundOrDisputeEvent() {
    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions"))
        .withQueryParam("payment_intent", equalTo("pi_3MtwBwLkdIwHu7ix"))
        .withQueryParam("expand[]", equalTo("data.payment_intent.latest_charge"))
        .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":["
            + session("complete", "paid", intent("succeeded", "succeeded", true, false)) + "]}")));

    PaymentState state = payments.fetch("pi_3MtwBwLkdIwHu7ix");

    assertThat(state.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(state.checkoutId()).isEqualTo("cs_test_a1B2c3");
    assertThat(state.externalReference()).isEqualTo("enrollment-42");
    stripe.verify(getRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).withHeader("Stripe-Version",
        equalTo("2022-11-15")));

    stripe.stubFor(get(urlPathEqualTo("/v1/checkout/sessions"))
        .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[]}")));
    assertThatThrownBy(() -> payments.fetch("pi_other")).isInstanceOf(PaymentRefusedException.class);
    assertThatThrownBy(() -> payments.fetch("../v1/customers")).isInstanceOf(PaymentRefusedException.class);
  }

  // ---- Stripe-Signature, computed here as Stripe documents it

  static String signature(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] event(String id, String type, String object) {
    return ("""
        {"id":"%s","object":"event","api_version":"2022-11-15","created":1772463590,"livemode":false,
         "type":"%s","data":{"object":%s}}""").formatted(id, type, object).getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> signed(String header) {
    return Map.of("stripe-signature", header, "Content-Type", "application/json; charset=utf-8");
  }

  private final long t = NOW.getEpochSecond() - 10;
  private final byte[] completed = event("evt_1NG8Du2eZvKYlo2C", "checkout.session.completed",
      session("complete", "paid", "\"pi_3MtwBwLkdIwHu7ix\""));

  @Test
  void acceptsAnEventSignedAsDocumentedAmongSeveralSignatures() {
    String header = "t=" + t + ",v1=" + signature("whsec_old_secret", t, completed)
        + ",v1=" + signature(SECRET, t, completed) + ",v0=" + signature("test-mode", t, completed);

    assertThat(payments.verify(signed(header), Map.of(), completed)).isEqualTo(new Notification.Verified(
        "stripe", "evt_1NG8Du2eZvKYlo2C", "cs_test_a1B2c3", "checkout.session.completed"));
  }

  @Test
  void aRefundOrDisputeEventPointsAtItsPaymentIntent() {
    byte[] refunded = event("evt_2", "charge.refunded", """
        {"id":"ch_3MtwBwLkdIwHu7ix","object":"charge","payment_intent":"pi_3MtwBwLkdIwHu7ix","refunded":true}""");
    byte[] dispute = event("evt_3", "charge.dispute.closed", """
        {"id":"dp_1MtJUT","object":"dispute","charge":"ch_3MtwBwLkdIwHu7ix","payment_intent":"pi_3MtwBwLkdIwHu7ix",
         "status":"lost"}""");
    byte[] payout = event("evt_4", "payout.paid", "{\"id\":\"po_1\",\"object\":\"payout\"}");

    assertThat(payments.verify(signed("t=" + t + ",v1=" + signature(SECRET, t, refunded)), Map.of(), refunded))
        .isEqualTo(new Notification.Verified("stripe", "evt_2", "pi_3MtwBwLkdIwHu7ix", "charge.refunded"));
    assertThat(payments.verify(signed("t=" + t + ",v1=" + signature(SECRET, t, dispute)), Map.of(), dispute))
        .isEqualTo(new Notification.Verified("stripe", "evt_3", "pi_3MtwBwLkdIwHu7ix", "charge.dispute.closed"));
    assertThat(payments.verify(signed("t=" + t + ",v1=" + signature(SECRET, t, payout)), Map.of(), payout))
        .isEqualTo(new Notification.Ignored("stripe", "evt_4", "payout.paid"));
  }

  @Test
  void refusesForgedStaleAndUnsignedEvents() {
    String genuine = "t=" + t + ",v1=" + signature(SECRET, t, completed);
    byte[] forged = new String(completed, StandardCharsets.UTF_8).replace("enrollment-42", "enrollment-43")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(reason(payments.verify(signed(genuine), Map.of(), forged)))
        .isEqualTo(Notification.Reason.BAD_SIGNATURE);
    assertThat(reason(payments.verify(signed("t=" + t + ",v1=" + signature("whsec_wrong", t, completed)),
        Map.of(), completed))).isEqualTo(Notification.Reason.BAD_SIGNATURE);
    // the timestamp is signed: moving it forward breaks the signature
    assertThat(reason(payments.verify(signed(genuine.replace("t=" + t, "t=" + (t + 400))), Map.of(), completed)))
        .isEqualTo(Notification.Reason.BAD_SIGNATURE);
    // only v0 (Stripe's legacy test scheme) is not enough
    assertThat(reason(payments.verify(signed("t=" + t + ",v0=" + signature(SECRET, t, completed)), Map.of(),
        completed))).isEqualTo(Notification.Reason.MALFORMED);
    assertThat(reason(payments.verify(Map.of(), Map.of(), completed)))
        .isEqualTo(Notification.Reason.MISSING_SIGNATURE);
    clock.advance(Duration.ofSeconds(301));
    assertThat(reason(payments.verify(signed(genuine), Map.of(), completed))).isEqualTo(Notification.Reason.STALE);
  }

  private static Notification.Reason reason(Notification notification) {
    assertThat(notification).isInstanceOf(Notification.Refused.class);
    return ((Notification.Refused) notification).reason();
  }
}
