package io.escala.enrollment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.payments.Money;
import io.escala.payments.PaymentStatus;
import io.escala.payments.PaymentStatusChanged;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Pix through Mercado Pago, the region's default, on H2. */
@TestPropertySource(properties = "escala.payments.provider=mercadopago")
class CoursePaymentsMercadoPagoH2IT extends CoursePaymentScenarios {

  private final String paymentId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L,
      9_999_999_999L));

  @Override
  PaymentMethod method() {
    return PaymentMethod.PIX;
  }

  @Override
  Money price() {
    return Money.of("297.90", "BRL");
  }

  @Override
  String stubCheckoutCreation() {
    String url = "https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=202809963-" + run;
    provider.stubFor(post("/checkout/preferences").willReturn(okJson("""
        {"id":"202809963-%s","init_point":"%s","sandbox_init_point":"https://sandbox.mercadopago.com.br/x",
         "date_created":"2026-03-02T11:00:00.000-04:00","collector_id":202809963}""".formatted(run, url))));
    return url;
  }

  @Override
  void assertCheckoutRequest(Enrollment enrollment, Cohort cohort) {
    String due = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT)
        .format(enrollment.paymentDueAt().atOffset(ZoneOffset.UTC));
    provider.verify(1, postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withHeader("Authorization", equalTo("Bearer " + MERCADO_PAGO_TOKEN))
        .withHeader("X-Idempotency-Key", matching(".+"))
        .withRequestBody(equalToJson("""
            {"items":[{"id":"%1$s","title":"${json-unit.any-string}","quantity":1,"currency_id":"BRL",
                       "unit_price":297.90}],
             "payer":{"email":"%2$s","name":"Joana Conceição"},
             "external_reference":"%1$s",
             "payment_methods":{"default_payment_method_id":"pix"},
             "expires":true,"expiration_date_to":"%3$s","date_of_expiration":"%3$s",
             "notification_url":"http://localhost:%4$d/webhooks/payments/mercadopago",
             "auto_return":"approved",
             "back_urls":{"success":"${json-unit.regex}http://localhost:%4$d/courses/paid/.+\\\\?outcome=success",
                          "failure":"${json-unit.regex}http://localhost:%4$d/courses/paid/.+\\\\?outcome=failure",
                          "pending":"${json-unit.regex}http://localhost:%4$d/courses/paid/.+\\\\?outcome=pending"}}
            """.formatted(enrollment.key(), enrollment.email(), due, port), false, false))
        // course title and the cohort's start in the learner's language
        .withRequestBody(matching(".*\"title\":\"IA generativa " + run + " · [0-9]{1,2} de [a-zç]+\\.? de 20[0-9]{2}\".*")));
  }

  @Override
  int checkoutsOpened() {
    return provider.countRequestsMatching(postRequestedFor(urlEqualTo("/checkout/preferences")).build()).getCount();
  }

  @Override
  void paymentIs(Enrollment enrollment, Cohort cohort, PaymentStatus status) {
    String state = switch (status) {
      case APPROVED -> "approved";
      case PENDING -> "pending";
      case REFUNDED -> "refunded";
      case CHARGED_BACK -> "charged_back";
      default -> throw new IllegalArgumentException(status.name());
    };
    provider.stubFor(get("/v1/payments/" + paymentId)
        .withHeader("Authorization", equalTo("Bearer " + MERCADO_PAGO_TOKEN))
        .willReturn(okJson("""
            {"id":%s,"status":"%s","status_detail":"","transaction_amount":297.9,"currency_id":"BRL",
             "external_reference":"%s","payment_method_id":"pix","payment_type_id":"bank_transfer",
             "date_created":"2026-03-02T11:59:00.000-04:00","live_mode":true}"""
            .formatted(paymentId, state, enrollment.key()))));
  }

  /**
   * As Mercado Pago sends it: {@code data.id} and {@code type} in the URL, {@code x-signature: ts=…,v1=…} with v1 the
   * HMAC-SHA256 (the application's secret) of {@code id:[data.id];request-id:[x-request-id];ts:[ts];}.
   */
  @Override
  HttpResponse<String> notify(String eventId, PaymentStatus about, String secret) {
    String ts = String.valueOf(now().getEpochSecond());
    String manifest = "id:" + paymentId + ";request-id:" + eventId + ";ts:" + ts + ";";
    byte[] body = """
        {"action":"payment.updated","api_version":"v1","data":{"id":"%s"},"date_created":"2026-03-02T14:59:50Z",
         "id":123456789012,"live_mode":true,"type":"payment","user_id":202809963}"""
        .formatted(paymentId).getBytes(StandardCharsets.UTF_8);
    return postSigned("/webhooks/payments/mercadopago?data.id=" + paymentId + "&type=payment",
        Map.of("x-signature", "ts=" + ts + ",v1=" + hmacSha256Hex(secret, manifest.getBytes(StandardCharsets.UTF_8)),
            "x-request-id", eventId, "Content-Type", "application/json"),
        body);
  }

  @Override
  int readBacks() {
    return provider.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/payments/" + paymentId)).build())
        .getCount();
  }

  @Test
  void aPixEnrollmentOpensItsPageInTheCaseAndIsEnrolledOnceTheProviderConfirms() {
    ReservedSeats.Reserved template = reserve("pt-BR"); // the course and cohort of this run
    String url = stubCheckoutCreation();
    String email = "bia." + run + "@example.com";
    var outcome = enrollments.enroll(new Enrollments.EnrollmentRequest(template.cohort().code(),
        "Bia." + run + "@Example.com", "Beatriz Araújo", Locale.forLanguageTag("pt-BR"), "BR",
        ZoneId.of("America/Sao_Paulo"), PaymentMethod.PIX));
    Enrollment enrollment = ((Enrollments.Accepted) outcome).enrollment();
    assertThat(enrollment.status()).isEqualTo(Enrollment.Status.RESERVED);

    runDueJobs();

    assertThat(checkoutsOpened()).isEqualTo(1);
    provider.verify(postRequestedFor(urlEqualTo("/checkout/preferences"))
        .withRequestBody(equalToJson("""
            {"external_reference":"%s","payment_methods":{"default_payment_method_id":"pix"},
             "payer":{"email":"%s","name":"Beatriz Araújo"}}""".formatted(enrollment.key(), email),
            true, true)));
    // the payment e-mail's link sends the payer to the page the case opened
    var mails = io.escala.support.Mails.to(email);
    assertThat(mails).isNotEmpty();
    String payLink = io.escala.support.Mails.link(mails.get(mails.size() - 1), "/courses/pay/");
    HttpResponse<String> pay = http.get(payLink, "pt-BR");
    assertThat(pay.statusCode()).isEqualTo(303);
    assertThat(pay.headers().firstValue("Location")).contains(url);
    assertThat(checkoutsOpened()).isEqualTo(1);

    // the provider's word counts the payment; the case goes on to enroll
    paymentIs(enrollment, template.cohort(), PaymentStatus.APPROVED);
    assertThat(notify("req-" + run, PaymentStatus.APPROVED, MERCADO_PAGO_SECRET).statusCode()).isEqualTo(200);
    runDueJobs();

    Enrollment enrolled = enrollments.require(enrollment.key());
    assertThat(enrolled.paidAt()).isNotNull();
    assertThat(enrolled.status()).isEqualTo(Enrollment.Status.ENROLLED);
  }

  @Test
  void aChargebackEndsAccessWithItsReason() {
    ReservedSeats.Reserved seat = reserve("es");
    stubCheckoutCreation();
    payments.openCheckout(seat.enrollment().key(), "case-" + run + ":OpenCheckout:ex1");
    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.APPROVED);
    notify("req-" + run + "-1", PaymentStatus.APPROVED, MERCADO_PAGO_SECRET);

    paymentIs(seat.enrollment(), seat.cohort(), PaymentStatus.CHARGED_BACK);
    HttpResponse<String> chargeback = notify("req-" + run + "-2", PaymentStatus.CHARGED_BACK, MERCADO_PAGO_SECRET);

    assertThat(chargeback.statusCode()).isEqualTo(200);
    Enrollment ended = enrollments.require(seat.enrollment().key());
    assertThat(ended.status()).isEqualTo(Enrollment.Status.ACCESS_ENDED);
    assertThat(ended.endedReason()).isEqualTo("CHARGED_BACK");
    assertThat(changes).extracting(PaymentStatusChanged::after)
        .containsExactly(PaymentStatus.APPROVED, PaymentStatus.CHARGED_BACK);
  }
}
