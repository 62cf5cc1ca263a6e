package io.escala.payments;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Exactly one {@link PaymentProvider}: the configured provider, recorded, when {@code escala.payments.enabled};
 * else the switched-off one. Start-up fails naming a missing credential only when payments are on.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

  @Bean
  PaymentCheckouts paymentCheckouts(JdbcClient jdbc, Clock clock) {
    return new PaymentCheckouts(jdbc, clock);
  }

  @Bean
  PaymentProvider paymentProvider(
      PaymentsProperties settings, PaymentCheckouts checkouts, PlatformTransactionManager transactions, Clock clock) {
    if (!settings.enabled()) {
      log.info("Payments are off (escala.payments.enabled=false): paid checkouts are refused");
      return new DisabledPayments();
    }
    PaymentProvider adapter = switch (settings.provider()) {
      case MERCADOPAGO -> new MercadoPagoPayments(
          settings.mercadopago(), settings.timeout(), settings.replayTolerance(), clock);
      case STRIPE -> new StripePayments(settings.stripe(), settings.timeout(), settings.replayTolerance(), clock);
    };
    log.info("Payments through {}", adapter.name());
    return new RecordedPayments(adapter, checkouts, transactions);
  }

  @Bean
  PaymentWebhooks paymentWebhooks(
      PaymentProvider provider, PaymentCheckouts checkouts, JdbcClient jdbc, PlatformTransactionManager transactions,
      Clock clock) {
    return new PaymentWebhooks(provider, checkouts, jdbc, transactions, clock);
  }
}
