package io.escala.enrollment;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.escala.payments.Checkout;
import io.escala.payments.Money;
import io.escala.payments.PaymentCheckouts;
import io.escala.payments.PaymentStatus;
import io.escala.payments.PaymentStatusChanged;
import io.escala.support.EscalaIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Card and Pix payments of a reserved seat through the running application, one subclass per provider: the checkout
 * opened through the provider's API (WireMock, documented shapes), the pay link, the provider's notifications over
 * HTTP signed the providers' documented way, and what they do to the enrollment. Notifications are believed only once
 * the payment is read back from the provider.
 */
@TestPropertySource(properties = {
    "escala.payments.enabled=true",
    "escala.payments.mercadopago.access-token=" + CoursePaymentScenarios.MERCADO_PAGO_TOKEN,
    "escala.payments.mercadopago.webhook-secret=" + CoursePaymentScenarios.MERCADO_PAGO_SECRET,
    "escala.payments.stripe.secret-key=" + CoursePaymentScenarios.STRIPE_KEY,
    "escala.payments.stripe.webhook-secret=" + CoursePaymentScenarios.STRIPE_SECRET})
abstract class CoursePaymentScenarios extends EscalaIntegrationTest {

  static final String MERCADO_PAGO_TOKEN = "APP_USR-course-payments-test";
  static final String MERCADO_PAGO_SECRET = "mp-course-payments-secret";
  static final String STRIPE_KEY = "sk_test_course_payments";
  static final String STRIPE_SECRET = "whsec_course_payments";

  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    provider.start();
  }

  @DynamicPropertySource
  static void providerApis(DynamicPropertyRegistry registry) {
    registry.add("escala.payments.mercadopago.base-url", provider::baseUrl);
    registry.add("escala.payments.stripe.base-url", provider::baseUrl);
  }

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired CoursePayments payments;
  @Autowired EnrollmentLinks links;
  @Autowired PaymentCheckouts checkouts;
  @Autowired JdbcClient jdbc;
  @Autowired ConfigurableApplicationContext context;

  /** This test's ids: the database is shared by every test of the context. */
  final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final List<PaymentStatusChanged> changes = new CopyOnWriteArrayList<>();
  private final ApplicationListener<?> recorder = event -> {
    if (event instanceof PayloadApplicationEvent<?> payload
        && payload.getPayload() instanceof PaymentStatusChanged change) {
      changes.add(change);
    }
  };

  @BeforeEach
  void recordPaymentEvents() {
    provider.resetAll();
    multicaster().addApplicationListener(recorder);
  }

  @AfterEach
  void stopRecording() {
    multicaster().removeApplicationListener(recorder);
  }

  private ApplicationEventMulticaster multicaster() {
    return context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
        ApplicationEventMulticaster.class);
  }

  // ---- what differs between providers

  /** Answers the checkout creation with this test's page; returns the URL the payer is sent to. */
  abstract String stubCheckoutCreation();

  /** The checkout request as the provider received it, checked against the provider's documented shape. */
  abstract void assertCheckoutRequest(Enrollment enrollment, Cohort cohort);

  /** How many pages were opened at the provider. */
  abstract int checkoutsOpened();

  /** The provider reports this test's payment in this state when it is read back. */
  abstract void paymentIs(Enrollment enrollment, Cohort cohort, PaymentStatus status);

  /** A notification about this test's payment, signed with the provider's secret as it documents. */
  abstract HttpResponse<String> notify(String eventId, PaymentStatus about, String secret);

  /** How many times this test's payment was read back from the provider. */
  abstract int readBacks();

  abstract PaymentMethod method();

  abstract Money price();

  // ---- the scenarios

  @Test
  void opensTheCheckoutOnceForTheReservedSeatHoweverOftenTheStepIsRetried() {
    ReservedSeats.Reserved seat = reserve("pt-BR");
    String url = stubCheckoutCreation();

    Checkout first = payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");
    Checkout retried = payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");

    assertThat(first.redirectUrl()).isEqualTo(url);
    assertThat(first.reused()).isFalse();
    assertThat(retried.reused()).isTrue();
    assertThat(retried.redirectUrl()).isEqualTo(url);
    assertThat(checkoutsOpened()).isEqualTo(1);
    assertCheckoutRequest(seat.enrollment(), seat.cohort());
    PaymentCheckouts.StoredCheckout stored =
        checkouts.byIdempotencyKey("case-" + run + ":OpenCheckout:ex1").orElseThrow();
    assertThat(stored.externalReference()).isEqualTo(seat.enrollment().key());
    assertThat(stored.price()).isEqualTo(price());
  }

  @Test
  void thePayLinkGoesToTheCheckoutAndTheLandingPageWaitsForTheProvidersWord() {
    ReservedSeats.Reserved seat = reserve("pt-BR");
    String url = stubCheckoutCreation();
    String payLink = links.pay(seat.enrollment());

    HttpResponse<String> pay = http.get(payLink, "es");
    HttpResponse<String> again = http.get(payLink, "es");

    assertThat(pay.statusCode()).isEqualTo(303);
    assertThat(pay.headers().firstValue("Location")).contains(url);
    assertThat(again.headers().firstValue("Location")).contains(url);
    assertThat(checkoutsOpened()).isEqualTo(1);

    // back from the provider's page before its notification: nothing is counted, the page says so
    String landing = payments.landing(seat.enrollment(), "success");
    HttpResponse<String> waiting = http.get(landing, "es");
    assertThat(waiting.statusCode()).isEqualTo(200);
    assertThat(waiting.body()).contains("lang=\"pt-BR\"").contains("Estamos confirmando seu pagamento")
        .contains("IA generativa " + run);
    assertThat(enrollments.require(seat.enrollment().key()).paidAt()).isNull();

    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);
    HttpResponse<String> notified = notify("evt-" + run + "-1", PaymentStatus.APPROVED, secret());

    assertThat(notified.statusCode()).isEqualTo(200);
    assertThat(changes).containsExactly(new PaymentStatusChanged(providerName(), seat.enrollment().key(),
        PaymentStatus.PENDING, PaymentStatus.APPROVED));
    assertThat(enrollments.require(seat.enrollment().key()).paidAt()).isNotNull();
    assertThat(http.get(landing, "es").body()).contains("Pagamento recebido")
        .doesNotContain("Estamos confirmando");
    // paid: the pay link no longer opens a page
    HttpResponse<String> payAfter = http.get(payLink, "es");
    assertThat(payAfter.statusCode()).isEqualTo(200);
    assertThat(payAfter.body()).contains("Pagamento recebido");
    assertThat(checkoutsOpened()).isEqualTo(1);
  }

  @Test
  void aForgedNotificationIsRefusedAndChangesNothing() {
    ReservedSeats.Reserved seat = reserve("es");
    stubCheckoutCreation();
    payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);

    HttpResponse<String> forged = notify("evt-" + run + "-forged", PaymentStatus.APPROVED, "not-the-secret");

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(readBacks()).isZero();
    assertThat(changes).isEmpty();
    assertThat(enrollments.require(seat.enrollment().key()).paidAt()).isNull();
    assertThat(checkouts.byIdempotencyKey("case-" + run + ":OpenCheckout:ex1").orElseThrow().status())
        .isEqualTo(PaymentStatus.PENDING);
  }

  @Test
  void anOutOfOrderNotificationLeavesThePaymentApproved() {
    ReservedSeats.Reserved seat = reserve("es");
    stubCheckoutCreation();
    payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);
    assertThat(notify("evt-" + run + "-1", PaymentStatus.APPROVED, secret()).statusCode()).isEqualTo(200);

    // an older "pending" delivered late, read back late
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.PENDING);
    HttpResponse<String> late = notify("evt-" + run + "-0", PaymentStatus.PENDING, secret());

    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(changes).extracting(PaymentStatusChanged::after).containsExactly(PaymentStatus.APPROVED);
    assertThat(checkouts.byIdempotencyKey("case-" + run + ":OpenCheckout:ex1").orElseThrow().status())
        .isEqualTo(PaymentStatus.APPROVED);
    assertThat(enrollments.require(seat.enrollment().key()).paidAt()).isNotNull();
    assertThat(enrollments.require(seat.enrollment().key()).status()).isEqualTo(Enrollment.Status.RESERVED);
  }

  @Test
  void aRefundEndsAccessAndAReplayedApprovalDoesNotGiveItBack() {
    ReservedSeats.Reserved seat = reserve("es");
    stubCheckoutCreation();
    payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);
    assertThat(notify("evt-" + run + "-1", PaymentStatus.APPROVED, secret()).statusCode()).isEqualTo(200);

    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.REFUNDED);
    assertThat(notify("evt-" + run + "-2", PaymentStatus.REFUNDED, secret()).statusCode()).isEqualTo(200);

    Enrollment ended = enrollments.require(seat.enrollment().key());
    assertThat(ended.status()).isEqualTo(Enrollment.Status.ACCESS_ENDED);
    assertThat(ended.endedReason()).isEqualTo("REFUNDED");
    assertThat(ended.holdsSeat()).isFalse();
    assertThat(catalog.cohort(seat.cohort().id()).orElseThrow().seatsTaken()).isZero();
    assertThat(http.get(payments.landing(seat.enrollment(), "success"), "es").body())
        .contains("Tu acceso al curso terminó").doesNotContain("Pago recibido");

    // the approval again, as an attacker or a confused proxy would replay it: already processed, nothing read
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);
    int readBacksBeforeReplay = readBacks();
    HttpResponse<String> replayed = notify("evt-" + run + "-1", PaymentStatus.APPROVED, secret());

    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(readBacks()).isEqualTo(readBacksBeforeReplay);
    assertThat(changes).extracting(PaymentStatusChanged::after)
        .containsExactly(PaymentStatus.APPROVED, PaymentStatus.REFUNDED);
    assertThat(enrollments.require(seat.enrollment().key()).status()).isEqualTo(Enrollment.Status.ACCESS_ENDED);
  }

  @Test
  void anExpiredPayLinkOrAReleasedSeatGetsAClearPageInThePersonsLanguage() {
    ReservedSeats.Reserved late = reserve("pt-BR");
    String lateLink = links.pay(late.enrollment());
    ReservedSeats.Reserved released = reserve("en");
    String releasedLink = links.pay(released.enrollment());
    enrollments.release(released.enrollment().key(), "PAYMENT_TIMEOUT");

    HttpResponse<String> gone = http.get(releasedLink, "es");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("lang=\"en\"").contains("This seat is no longer reserved");

    moveClock(Duration.ofHours(49));
    HttpResponse<String> expired = http.get(lateLink, "es");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("lang=\"pt-BR\"").contains("O prazo para pagar terminou");
    assertThat(checkoutsOpened()).isZero();
  }

  // ---- helpers

  String providerName() {
    return context.getEnvironment().getProperty("escala.payments.provider");
  }

  String secret() {
    return "stripe".equals(providerName()) ? STRIPE_SECRET : MERCADO_PAGO_SECRET;
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  ReservedSeats.Reserved reserve(String language) {
    return new ReservedSeats(catalog, enrollments, jdbc).reserve(run, method(), price(), language, "BR",
        ZoneId.of("America/Sao_Paulo"));
  }

  HttpResponse<String> postSigned(String pathAndQuery, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmacSha256Hex(String secret, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return java.util.HexFormat.of().formatHex(mac.doFinal());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
