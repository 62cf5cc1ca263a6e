package io.escala.whatsapp;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Exactly one {@link WhatsAppMessages}: the Cloud API when {@code escala.whatsapp.enabled}, else the switched-off one. */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

  /** Fails start-up naming escala.whatsapp.phone-number-id or .access-token when one is blank. */
  @Bean
  @ConditionalOnProperty(prefix = "escala.whatsapp", name = "enabled", havingValue = "true")
  WhatsAppCloudApi whatsAppCloudApi(
      WhatsAppProperties properties, JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    return new WhatsAppCloudApi(properties, jdbc, transactionManager, clock);
  }

  @Bean
  @ConditionalOnProperty(prefix = "escala.whatsapp", name = "enabled", havingValue = "false", matchIfMissing = true)
  DisabledWhatsApp disabledWhatsApp() {
    return new DisabledWhatsApp();
  }
}
