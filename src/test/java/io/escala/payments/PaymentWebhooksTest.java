package io.escala.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkouts and notifications on the database: H2 here, PostgreSQL in {@link PaymentWebhooksPostgresIT}. Mercado
 * Pago and Stripe are WireMock servers answering in their documented shapes; signatures are computed as the
 * providers document them ({@link MercadoPagoPaymentsTest#manifestSignature}, {@link StripePaymentsTest#signature}).
 */
class PaymentWebhooksTest {

  private static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

  private final MigratedTestDatabase database = database();
  private final MutableClock clock = new MutableClock(MercadoPagoPaymentsTest.NOW);
  private final PaymentCheckouts checkouts = new PaymentCheckouts(database.jdbc, clock);
  private final PaymentProvider mercadoPago = new RecordedPayments(new MercadoPagoPayments(
      new PaymentsProperties.MercadoPago(URI.create(provider.baseUrl()), MercadoPagoPaymentsTest.TOKEN,
          MercadoPagoPaymentsTest.SECRET), Duration.ofSeconds(5), Duration.ofMinutes(5), clock),
      checkouts, database.transactionManager);
  private final PaymentWebhooks webhooks =
      new PaymentWebhooks(mercadoPago, checkouts, database.jdbc, database.transactionManager, clock);

  /** This run's purchase and ids: the PostgreSQL test database is shared by the whole JVM. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String reference = "enrollment-" + run;
  private final String ts = String.valueOf(MercadoPagoPaymentsTest.NOW.getEpochSecond() - 5);

  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("payments");
  }

  @BeforeAll
  static void start() {
    provider.start();
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @AfterEach
  void reset() {
    provider.resetAll();
    database.close();
  }

  private CheckoutRequest request(String key, String amount) {
    return new CheckoutRequest(key, "Ana@Example.com", "Ana", "Curso de IA", Money.of(amount, "BRL"),
        URI.create("https://escala.example/ok"), URI.create("https://escala.example/no"), null,
        URI.create("https://escala.example/webhooks/payments/mercadopago"), reference, PaymentMethods.PIX_FIRST, null);
  }

  private Checkout openCheckout() {
    provider.stubFor(post("/checkout/preferences").willReturn(okJson("""
        {"id":"pref-%s","init_point":"https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=pref-%s"}"""
        .formatted(run, run))));
    return mercadoPago.createCheckout(request("pi-" + run + ":Pay:ex-1:ana@example.com", "297.00"));
  }

  private void paymentIs(String paymentId, String status) {
    provider.stubFor(get("/v1/payments/" + paymentId).willReturn(okJson("""
        {"id":%s,"status":"%s","status_detail":"","transaction_amount":297,"currency_id":"BRL",
         "external_reference":"%s","payment_method_id":"pix","payment_type_id":"bank_transfer"}"""
        .formatted(paymentId, status, reference))));
  }

  /** A notification as Mercado Pago sends it: data.id and type in the URL, x-signature over the manifest. */
  private WebhookOutcome notify(String paymentId, String requestId) {
    return webhooks.receive("mercadopago",
        MercadoPagoPaymentsTest.headers(
            MercadoPagoPaymentsTest.manifestSignature(MercadoPagoPaymentsTest.SECRET, paymentId, requestId, ts),
            requestId),
        MercadoPagoPaymentsTest.query(paymentId), MercadoPagoPaymentsTest.body(paymentId));
  }

  private PaymentStatus checkoutStatus() {
    return checkouts.latestFor("mercadopago", reference).orElseThrow().status();
  }

  @Test
  void aRetriedStepGetsTheCheckoutItsFirstAttemptOpened() {
    Checkout first = openCheckout();
    Checkout retried = mercadoPago.createCheckout(request("pi-" + run + ":Pay:ex-1:ana@example.com", "297"));

    assertThat(first.reused()).isFalse();
    assertThat(retried).isEqualTo(new Checkout("mercadopago", "pref-" + run, first.redirectUrl(), true));
    provider.verify(1, postRequestedFor(urlEqualTo("/checkout/preferences")));
    PaymentCheckouts.StoredCheckout stored = checkouts.byIdempotencyKey(
        "pi-" + run + ":Pay:ex-1:ana@example.com").orElseThrow();
    assertThat(stored.price()).isEqualTo(Money.of("297", "BRL"));
    assertThat(stored.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(stored.externalReference()).isEqualTo(reference);

    // the same key for another price is a caller's bug, not a retry
    assertThatThrownBy(() -> mercadoPago.createCheckout(request("pi-" + run + ":Pay:ex-1:ana@example.com", "300")))
        .isInstanceOf(PaymentRefusedException.class);
  }

  @Test
  void aSignedNotificationCountsOnlyWithThePaymentReadBack() {
    openCheckout();
    String paymentId = "1316783547";
    paymentIs(paymentId, "approved");

    WebhookOutcome outcome = notify(paymentId, "req-1-" + run);

    assertThat(outcome).isInstanceOf(WebhookOutcome.Processed.class);
    WebhookOutcome.Processed processed = (WebhookOutcome.Processed) outcome;
    assertThat(processed.payment().status()).isEqualTo(PaymentStatus.APPROVED);
    assertThat(processed.payment().amount()).isEqualTo(Money.of("297", "BRL"));
    assertThat(processed.checkout()).isEqualTo(
        new PaymentCheckouts.Change(reference, PaymentStatus.PENDING, PaymentStatus.APPROVED));
    assertThat(processed.changed()).isTrue();
    assertThat(outcome.httpStatus()).isEqualTo(200);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);
    provider.verify(1, getRequestedFor(urlPathEqualTo("/v1/payments/" + paymentId)));
  }

  @Test
  void aReplayedNotificationIsRecognisedAndChangesNothing() {
    openCheckout();
    paymentIs("77", "approved");
    notify("77", "req-2-" + run);

    // captured and sent again within the tolerance, after the payment was refunded: nothing read, nothing changed
    paymentIs("77", "refunded");
    WebhookOutcome replayed = notify("77", "req-2-" + run);

    assertThat(replayed).isEqualTo(new WebhookOutcome.Duplicate("mercadopago", "req-2-" + run));
    assertThat(replayed.httpStatus()).isEqualTo(200);
    provider.verify(1, getRequestedFor(urlPathEqualTo("/v1/payments/77")));
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);

    // the provider's own notification of the refund is a new one, and counts
    WebhookOutcome refund = notify("77", "req-3-" + run);
    assertThat(((WebhookOutcome.Processed) refund).checkout().after()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.REFUNDED);
  }

  @Test
  void outOfOrderNotificationsMoveTheCheckoutOnlyForward() {
    openCheckout();
    paymentIs("501", "rejected");
    notify("501", "req-a-" + run);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.REJECTED);

    paymentIs("502", "approved");
    notify("502", "req-b-" + run);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);

    // the first attempt's rejection delivered again by Mercado Pago, late: the approval stands
    WebhookOutcome late = notify("501", "req-c-" + run);
    assertThat(((WebhookOutcome.Processed) late).changed()).isFalse();
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);

    // a refund of the rejected attempt cannot undo the approval of the other payment
    paymentIs("501", "refunded");
    notify("501", "req-d-" + run);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);

    paymentIs("502", "charged_back");
    notify("502", "req-e-" + run);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.CHARGED_BACK);
  }

  @Test
  void aForgedNotificationIsRefusedBeforeAnythingIsReadOrRecorded() {
    openCheckout();
    paymentIs("88", "approved");
    String signedFor88 = MercadoPagoPaymentsTest.manifestSignature("not-the-secret", "88", "req-f-" + run, ts);

    WebhookOutcome outcome = webhooks.receive("mercadopago",
        MercadoPagoPaymentsTest.headers(signedFor88, "req-f-" + run), MercadoPagoPaymentsTest.query("88"),
        MercadoPagoPaymentsTest.body("88"));

    assertThat(outcome).isInstanceOf(WebhookOutcome.Refused.class);
    assertThat(outcome.httpStatus()).isEqualTo(401);
    assertThat(provider.findAll(getRequestedFor(urlPathEqualTo("/v1/payments/88")))).isEmpty();
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.PENDING);
    assertThat(webhooks.receive("stripe", Map.of(), Map.of(), new byte[0]).httpStatus()).isEqualTo(404);
  }

  @Test
  void aNotificationWhoseHandlingRolledBackIsProcessedAgainOnTheProvidersRetry() {
    openCheckout();
    paymentIs("66", "approved");

    assertThatThrownBy(() -> database.transaction().executeWithoutResult(status -> {
      notify("66", "req-g-" + run);
      throw new IllegalStateException("correlating the BPMN message failed");
    })).hasMessageContaining("correlating");
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.PENDING);

    WebhookOutcome retried = database.transaction().execute(status -> notify("66", "req-g-" + run));
    assertThat(retried).isInstanceOf(WebhookOutcome.Processed.class);
    assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);
    // a duplicate inside the caller's transaction leaves that transaction usable
    database.transaction().executeWithoutResult(status -> {
      assertThat(notify("66", "req-g-" + run)).isInstanceOf(WebhookOutcome.Duplicate.class);
      assertThat(checkoutStatus()).isEqualTo(PaymentStatus.APPROVED);
    });
  }

  @Test
  void aPaymentMercadoPagoDoesNotShowIsAnsweredWithoutEffect() {
    provider.stubFor(get("/v1/payments/404404").willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Payment not found\",\"error\":\"not_found\",\"status\":404,\"cause\":[]}")));

    WebhookOutcome outcome = notify("404404", "req-h-" + run);

    assertThat(outcome).isInstanceOf(WebhookOutcome.Ignored.class);
    assertThat(outcome.httpStatus()).isEqualTo(200);
  }

  @Test
  void erasingThePayerDeletesTheirCheckouts() {
    openCheckout();

    new PaymentPersonalData(database.jdbc).erase("ana@example.com");

    assertThat(checkouts.latestFor("mercadopago", reference)).isEmpty();
  }

  @Test
  void aStripeEventAppliesToTheCheckoutSessionItNames() {
    PaymentProvider stripe = new RecordedPayments(new StripePayments(
        new PaymentsProperties.Stripe(URI.create(provider.baseUrl()), StripePaymentsTest.KEY,
            StripePaymentsTest.SECRET), Duration.ofSeconds(5), Duration.ofMinutes(5), clock),
        checkouts, database.transactionManager);
    PaymentWebhooks stripeWebhooks =
        new PaymentWebhooks(stripe, checkouts, database.jdbc, database.transactionManager, clock);
    String sessionId = "cs_test_" + run;
    provider.stubFor(post("/v1/checkout/sessions").willReturn(okJson("""
        {"id":"%s","object":"checkout.session","url":"https://checkout.stripe.com/c/pay/%s"}"""
        .formatted(sessionId, sessionId))));
    stripe.createCheckout(request("stripe-" + run, "297"));
    provider.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId)).willReturn(okJson("""
        {"id":"%s","object":"checkout.session","status":"complete","payment_status":"paid","amount_total":29700,
         "currency":"brl","client_reference_id":"%s","payment_intent":{"id":"pi_%s","object":"payment_intent",
         "status":"succeeded","latest_charge":{"id":"ch_1","object":"charge","status":"succeeded","refunded":false,
         "disputed":false}}}""".formatted(sessionId, reference, run))));
    byte[] event = StripePaymentsTest.event("evt_" + run, "checkout.session.completed",
        "{\"id\":\"" + sessionId + "\",\"object\":\"checkout.session\",\"payment_status\":\"paid\"}");
    long t = clock.instant().getEpochSecond();
    Map<String, String> headers = StripePaymentsTest.signed(
        "t=" + t + ",v1=" + StripePaymentsTest.signature(StripePaymentsTest.SECRET, t, event));

    WebhookOutcome outcome = stripeWebhooks.receive("stripe", headers, Map.of(), event);

    assertThat(((WebhookOutcome.Processed) outcome).checkout())
        .isEqualTo(new PaymentCheckouts.Change(reference, PaymentStatus.PENDING, PaymentStatus.APPROVED));
    assertThat(checkouts.latestFor("stripe", reference).orElseThrow().paymentId()).isEqualTo("pi_" + run);
    assertThat(stripeWebhooks.receive("stripe", headers, Map.of(), event))
        .isEqualTo(new WebhookOutcome.Duplicate("stripe", "evt_" + run));
  }
}
