package io.escala.crm;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

/** Exactly one {@link Crm} bean, chosen by {@code escala.crm.provider}. */
@Configuration(proxyBeanMethods = false)
class CrmConfiguration {

  @Bean
  @ConditionalOnProperty(prefix = "escala.crm", name = "provider", havingValue = "builtin", matchIfMissing = true)
  BuiltInCrm builtInCrm(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    return new BuiltInCrm(jdbc, transactionManager, Clock.systemUTC());
  }

  /** Fails start-up naming escala.crm.hubspot.access-token when the token is blank. */
  @Bean
  @ConditionalOnProperty(prefix = "escala.crm", name = "provider", havingValue = "hubspot")
  HubSpotCrm hubSpotCrm(
      CrmProperties properties,
      RestClient.Builder restClientBuilder,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager) {
    return new HubSpotCrm(properties.hubspot(), restClientBuilder, jdbc, transactionManager, Clock.systemUTC());
  }
}
