package io.escala.enrollment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Cards through Stripe Checkout, when an installation configures Stripe, on H2. */
@TestPropertySource(properties = "escala.payments.provider=stripe")
class CoursePaymentsStripeH2IT extends CoursePaymentScenarios {

  private String sessionId() {
    return "cs_test_" + run;
  }

  private String intentId() {
    return "pi_" + run;
  }

  @Override
  PaymentMethod method() {
    return PaymentMethod.CARD;
  }

  @Override
  Money price() {
    return Money.of("49.00", "USD");
  }

  @Override
  String stubCheckoutCreation() {
    String url = "https://checkout.stripe.com/c/pay/" + sessionId() + "#fidkdWxOYHwnPyd1blpxYHZxWjA0";
    provider.stubFor(post("/v1/checkout/sessions").willReturn(okJson("""
        {"id":"%s","object":"checkout.session","mode":"payment","status":"open","payment_status":"unpaid",
         "amount_total":4900,"currency":"usd","url":"%s"}""".formatted(sessionId(), url))));
    return url;
  }

  @Override
  void assertCheckoutRequest(Enrollment enrollment, Cohort cohort) {
    String landing = "http://localhost:" + port + "/courses/paid/[^?]+\\?outcome=";
    provider.verify(1, postRequestedFor(urlEqualTo("/v1/checkout/sessions"))
        .withHeader("Authorization", equalTo("Bearer " + STRIPE_KEY))
        .withHeader("Idempotency-Key", matching(".+"))
        .withFormParam("mode", equalTo("payment"))
        .withFormParam("line_items[0][price_data][currency]", equalTo("usd"))
        .withFormParam("line_items[0][price_data][unit_amount]", equalTo("4900"))
        .withFormParam("line_items[0][price_data][product_data][name]",
            matching("IA generativa " + run + " · .+ 20[0-9]{2}"))
        .withFormParam("client_reference_id", equalTo(enrollment.key()))
        .withFormParam("customer_email", equalTo(enrollment.email()))
        .withFormParam("success_url", matching(landing + "success"))
        .withFormParam("cancel_url", matching(landing + "failure")));
    // payment is due in 48 hours; a Checkout Session stays open 24 hours at most, then the pay link opens a new one
    long expiresAt = Long.parseLong(provider.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions"))).get(0)
        .formParameters().get("expires_at").firstValue());
    assertThat(expiresAt).isBetween(now().plus(Duration.ofHours(23)).getEpochSecond(),
        now().plus(Duration.ofHours(24)).getEpochSecond());
  }

  @Override
  int checkoutsOpened() {
    return provider.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/checkout/sessions")).build()).getCount();
  }

  private String session(Enrollment enrollment, PaymentStatus status) {
    String intent = """
        {"id":"%s","object":"payment_intent","status":"%s","amount":4900,"currency":"usd",
         "latest_charge":{"id":"ch_%s","object":"charge","status":"succeeded","refunded":%s,"amount_refunded":%d,
                          "disputed":false,"payment_intent":"%s"}}""".formatted(intentId(),
        status == PaymentStatus.PENDING ? "processing" : "succeeded", run, status == PaymentStatus.REFUNDED,
        status == PaymentStatus.REFUNDED ? 4900 : 0, intentId());
    return """
        {"id":"%s","object":"checkout.session","mode":"payment","status":"complete","payment_status":"%s",
         "amount_total":4900,"currency":"usd","client_reference_id":"%s",
         "metadata":{"external_reference":"%s"},"payment_intent":%s}""".formatted(sessionId(),
        status == PaymentStatus.PENDING ? "unpaid" : "paid", enrollment.key(), enrollment.key(),
        status == PaymentStatus.PENDING ? "null" : intent);
  }

  @Override
  void paymentIs(Enrollment enrollment, Cohort cohort, PaymentStatus status) {
    provider.stubFor(get(urlPathEqualTo("/v1/checkout/sessions/" + sessionId()))
        .withQueryParam("expand[]", equalTo("payment_intent.latest_charge"))
        .withHeader("Authorization", equalTo("Bearer " + STRIPE_KEY))
        .willReturn(okJson(session(enrollment, status))));
    provider.stubFor(get(urlPathEqualTo("/v1/checkout/sessions"))
        .withQueryParam("payment_intent", equalTo(intentId()))
        .withHeader("Authorization", equalTo("Bearer " + STRIPE_KEY))
        .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[" + session(enrollment, status) + "]}")));
  }

  /**
   * As Stripe sends it: the event in the body, {@code Stripe-Signature: t=…,v1=…} with v1 the HMAC-SHA256 (the
   * endpoint's signing secret) of {@code t + "." + body}.
   */
  @Override
  HttpResponse<String> notify(String eventId, PaymentStatus about, String secret) {
    String type;
    String object;
    if (about == PaymentStatus.REFUNDED) {
      type = "charge.refunded";
      object = """
          {"id":"ch_%s","object":"charge","payment_intent":"%s","refunded":true}""".formatted(run, intentId());
    } else {
      type = "checkout.session.completed";
      object = """
          {"id":"%s","object":"checkout.session","status":"complete"}""".formatted(sessionId());
    }
    byte[] body = """
        {"id":"%s","object":"event","api_version":"2022-11-15","created":%d,"livemode":false,
         "type":"%s","data":{"object":%s}}""".formatted(eventId, now().getEpochSecond(), type, object)
        .getBytes(StandardCharsets.UTF_8);
    long t = now().getEpochSecond();
    String signature = hmacSha256Hex(secret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
    return postSigned("/webhooks/payments/stripe",
        Map.of("Stripe-Signature", "t=" + t + ",v1=" + signature, "Content-Type", "application/json; charset=utf-8"),
        body);
  }

  @Override
  int readBacks() {
    return provider.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/checkout/sessions/" + sessionId()))
        .build()).getCount()
        + provider.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).build()).getCount();
  }

  @Test
  void aDayLaterThePayLinkOpensAFreshSessionWhilePaymentIsStillDue() {
    ReservedSeats.Reserved seat = reserve("en");
    String url = stubCheckoutCreation();
    String payLink = links.pay(seat.enrollment());
    assertThat(http.get(payLink, "en").headers().firstValue("Location")).contains(url);

    // Stripe closed the first session after 24 hours; payment is due in 48
    moveClock(Duration.ofHours(24).plusMinutes(1));
    String fresh = "https://checkout.stripe.com/c/pay/cs_test_fresh_" + run;
    provider.stubFor(post("/v1/checkout/sessions").willReturn(okJson("""
        {"id":"cs_test_fresh_%s","object":"checkout.session","mode":"payment","status":"open",
         "payment_status":"unpaid","amount_total":4900,"currency":"usd","url":"%s"}""".formatted(run, fresh))));
    HttpResponse<String> again = http.get(payLink, "en");

    assertThat(again.statusCode()).isEqualTo(303);
    assertThat(again.headers().firstValue("Location")).contains(fresh);
    assertThat(checkoutsOpened()).isEqualTo(2);
    assertThat(http.get(payLink, "en").headers().firstValue("Location")).contains(fresh);
    assertThat(checkoutsOpened()).isEqualTo(2);
    var requests = provider.findAll(postRequestedFor(urlEqualTo("/v1/checkout/sessions")));
    assertThat(requests.get(0).getHeader("Idempotency-Key")).isNotEqualTo(requests.get(1).getHeader("Idempotency-Key"));
  }
}
