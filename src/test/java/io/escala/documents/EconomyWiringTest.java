package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.llm.LlmProperties;
import io.escala.platform.ClusterNodeName;
import io.escala.support.MigratedTestDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Economy mode's beans as the application wires them: started with an API key, unless switched off. */
class EconomyWiringTest {

  private static MigratedTestDatabase database;

  @BeforeAll
  static void database() {
    database = MigratedTestDatabase.h2("economy-wiring");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({DocumentsProperties.class, EconomyProperties.class})
  static class Properties {}

  private ApplicationContextRunner runner(String apiKey) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, EconomyConfiguration.class, EconomyRows.class, DocumentRows.class,
            DocumentBatches.class, DocumentTemplates.class, DocumentChecks.class)
        .withBean(JdbcClient.class, () -> database.jdbc)
        .withBean(PlatformTransactionManager.class, () -> database.transactionManager)
        .withBean(Clock.class, Clock::systemUTC)
        .withBean(ClusterNodeName.class, () -> new ClusterNodeName("node-x"))
        .withBean(LlmProperties.class, () -> new LlmProperties(apiKey, "http://127.0.0.1:9/v1", "gpt-4o-mini",
            Duration.ofSeconds(30), 2, 2, true, Duration.ofDays(7)));
  }

  @Test
  void withAnApiKeyEconomyModeRunsWithHalfPriceByDefault() {
    runner("sk-test").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(EconomyGeneration.class).isRunning()).isTrue();
      EconomyProperties properties = context.getBean(EconomyProperties.class);
      assertThat(properties.priceFactor()).isEqualTo(0.5);
      assertThat(properties.pollInterval()).isEqualTo(Duration.ofMinutes(1));
      assertThat(properties).isEqualTo(EconomyProperties.defaults());
    });
  }

  @Test
  void withoutAnApiKeyOrWhenSwitchedOffItStaysStopped() {
    runner("").run(context -> assertThat(context.getBean(EconomyGeneration.class).isRunning()).isFalse());
    runner("sk-test").withPropertyValues("escala.documents.economy.enabled=false")
        .run(context -> assertThat(context.getBean(EconomyGeneration.class).isRunning()).isFalse());
  }

  @Test
  void aPollIntervalAndALeaseThatCannotWorkAreRefused() {
    runner("sk-test").withPropertyValues("escala.documents.economy.lease=PT1M",
            "escala.documents.economy.http-timeout=PT2M")
        .run(context -> assertThat(context).hasFailed());
    runner("sk-test").withPropertyValues("escala.documents.economy.price-factor=1.5")
        .run(context -> assertThat(context).hasFailed());
  }
}
