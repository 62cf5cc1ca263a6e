package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The llm beans in a small Spring context: property binding and the choice of model, without the application. */
class LlmSpringWiringTest {

  private final LlmTestDatabase database = new LlmTestDatabase();

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(LlmBeans.class)
      .withBean(JdbcClient.class, () -> database.jdbc)
      .withBean(PlatformTransactionManager.class, () -> database.transactionManager)
      .withBean(Clock.class, Clock::systemUTC)
      .withBean(LlmAnswerCache.class);

  @EnableConfigurationProperties(LlmProperties.class)
  @Configuration(proxyBeanMethods = false)
  static class LlmBeans {}

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void withoutAnApiKeyTheOfflineModelIsWired() {
    context.withBean(LlmUsageLog.class).withBean(LanguageModelConfiguration.class).run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app.getBean(LanguageModel.class)).isInstanceOf(OfflineLanguageModel.class);
      assertThat(app.getBean(LlmProperties.class)).isEqualTo(new LlmProperties("", "https://api.openai.com/v1",
          "gpt-4o-mini", Duration.ofSeconds(30), 2, 2, true, Duration.ofDays(7)));
    });
  }

  @Test
  void anApiKeyWiresOpenAiWithTheConfiguredSettings() {
    context.withBean(LlmUsageLog.class).withBean(LanguageModelConfiguration.class)
        .withPropertyValues("escala.llm.api-key=sk-test", "escala.llm.timeout=PT10S", "escala.llm.max-retries=1",
            "escala.llm.invalid-answer-attempts=3", "escala.llm.fallback-on-failure=false")
        .run(app -> {
          assertThat(app.getBean(LanguageModel.class)).isInstanceOf(OpenAiLanguageModel.class);
          LlmProperties properties = app.getBean(LlmProperties.class);
          assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(properties.maxRetries()).isEqualTo(1);
          assertThat(properties.invalidAnswerAttempts()).isEqualTo(3);
          assertThat(properties.fallbackOnFailure()).isFalse();
        });
  }

  @Test
  void impossibleSettingsStopTheStart() {
    context.withBean(LlmUsageLog.class).withBean(LanguageModelConfiguration.class)
        .withPropertyValues("escala.llm.invalid-answer-attempts=0")
        .run(app -> assertThat(app).hasFailed());
  }
}
