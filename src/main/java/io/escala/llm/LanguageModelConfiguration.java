package io.escala.llm;

import io.escala.platform.MissingSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Blank {@code escala.llm.api-key}: the offline model; otherwise OpenAI. */
@Configuration(proxyBeanMethods = false)
public class LanguageModelConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LanguageModelConfiguration.class);

  /** Spring closes the OpenAI model (and its HTTP client) on shutdown, as it is AutoCloseable. */
  @Bean
  public LanguageModel languageModel(LlmProperties properties, LlmUsageLog usageLog, LlmAnswerCache answerCache) {
    if (!properties.hasApiKey()) {
      log.info("escala.llm.api-key is empty: the offline language model answers with template text");
      return new OfflineLanguageModel(usageLog);
    }
    if (properties.baseUrl() == null || properties.baseUrl().isBlank()) {
      throw new MissingSettingException("escala.llm.base-url", "an API key is set, so the OpenAI-compatible endpoint"
          + " is needed, e.g. https://api.openai.com/v1");
    }
    if (properties.model() == null || properties.model().isBlank()) {
      throw new MissingSettingException("escala.llm.model", "an API key is set, so the model name is needed");
    }
    log.info("Language model: OpenAI {} at {}, timeout {}, {} client retries", properties.model(),
        properties.baseUrl(), properties.timeout(), properties.maxRetries());
    return new OpenAiLanguageModel(properties, usageLog, answerCache);
  }
}
