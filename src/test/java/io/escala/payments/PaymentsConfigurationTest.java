package io.escala.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.escala.platform.MissingSettingException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class PaymentsConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(PaymentsProperties.class)
  static class WithPaymentsProperties {}

  private final JdbcClient jdbc = mock(JdbcClient.class);
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(WithPaymentsProperties.class, PaymentsConfiguration.class)
      .withBean(JdbcClient.class, () -> jdbc)
      .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
      .withBean(Clock.class, Clock::systemUTC);

  private static CheckoutRequest anyRequest() {
    return new CheckoutRequest("k", "ana@example.com", null, "Curso", Money.of("10", "USD"),
        URI.create("https://e.example/ok"), URI.create("https://e.example/no"), null, null, "enrollment-1", null,
        null);
  }

  @Test
  void offByDefaultSaysSoAndRefusesCheckoutsWithAClearException() {
    context.run(app -> {
      PaymentProvider payments = app.getBean(PaymentProvider.class);
      assertThat(payments.enabled()).isFalse();
      assertThatThrownBy(() -> payments.createCheckout(anyRequest()))
          .isInstanceOf(PaymentsDisabledException.class)
          .hasMessageContaining("escala.payments.enabled=true");
      assertThat(app.getBean(PaymentWebhooks.class).receive("mercadopago", Map.of(), Map.of(), new byte[0]))
          .isInstanceOf(WebhookOutcome.Refused.class);
      verifyNoInteractions(jdbc);
      PaymentsProperties properties = app.getBean(PaymentsProperties.class);
      assertThat(properties.provider()).isEqualTo(PaymentsProperties.Provider.MERCADOPAGO);
      assertThat(properties.mercadopago().baseUrl()).hasToString("https://api.mercadopago.com");
      assertThat(properties.stripe().baseUrl()).hasToString("https://api.stripe.com");
      assertThat(properties.timeout()).hasSeconds(10);
      assertThat(properties.replayTolerance()).hasMinutes(5);
    });
  }

  @Test
  void onWithMercadoPagoCredentialsIsMercadoPagoRecorded() {
    context
        .withPropertyValues("escala.payments.enabled=true", "escala.payments.mercadopago.access-token=APP_USR-secret",
            "escala.payments.mercadopago.webhook-secret=whs-secret")
        .run(app -> {
          PaymentProvider payments = app.getBean(PaymentProvider.class);
          assertThat(payments).isInstanceOf(RecordedPayments.class);
          assertThat(payments.name()).isEqualTo("mercadopago");
          assertThat(payments.enabled()).isTrue();
          assertThat(app.getBean(PaymentsProperties.class).toString())
              .doesNotContain("APP_USR-secret").doesNotContain("whs-secret");
        });
  }

  @Test
  void onWithStripeNeedsStripesKeyAndSigningSecret() {
    context
        .withPropertyValues("escala.payments.enabled=true", "escala.payments.provider=stripe",
            "escala.payments.stripe.secret-key=sk_test_x", "escala.payments.stripe.webhook-secret=whsec_x")
        .run(app -> assertThat(app.getBean(PaymentProvider.class).name()).isEqualTo("stripe"));
    context
        .withPropertyValues("escala.payments.enabled=true", "escala.payments.provider=stripe",
            "escala.payments.stripe.secret-key=sk_test_x")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.payments.stripe.webhook-secret is not set"));
  }

  @Test
  void onWithoutTheMercadoPagoTokenFailsStartUpNamingIt() {
    context
        .withPropertyValues("escala.payments.enabled=true", "escala.payments.mercadopago.webhook-secret=whs")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.payments.mercadopago.access-token is not set"));
  }
}
