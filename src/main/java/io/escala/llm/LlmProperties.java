package io.escala.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.llm.*}. An empty {@code apiKey} selects the offline model (deterministic template text).
 *
 * @param timeout one HTTP call, not counting the client's retries; keep it well below Camunda's 5-minute job lock
 * @param maxRetries the OpenAI client's own retries on connection errors, 408, 409, 429 and 5xx (exponential backoff,
 *     honouring Retry-After and retry-after-ms)
 * @param invalidAnswerAttempts requests in all for one task while the answer does not parse or validate
 * @param fallbackOnFailure after the attempts are used up, or when the API stays unreachable: {@code true} returns the
 *     task's template fallback, {@code false} throws so the job is retried and ends as an incident
 * @param answerCacheRetention how long a validated answer is kept for a retry of its job that has not succeeded yet
 *     (a job that commits deletes its answer at once)
 */
@ConfigurationProperties("escala.llm")
public record LlmProperties(
    @DefaultValue("") String apiKey,
    @DefaultValue("https://api.openai.com/v1") String baseUrl,
    @DefaultValue("gpt-4o-mini") String model,
    @DefaultValue("PT30S") Duration timeout,
    @DefaultValue("2") int maxRetries,
    @DefaultValue("2") int invalidAnswerAttempts,
    @DefaultValue("true") boolean fallbackOnFailure,
    @DefaultValue("P7D") Duration answerCacheRetention) {

  public LlmProperties {
    apiKey = apiKey == null ? "" : apiKey.strip();
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("escala.llm.timeout must be positive, e.g. PT30S");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("escala.llm.max-retries must be 0 or more");
    }
    if (answerCacheRetention == null || answerCacheRetention.isNegative() || answerCacheRetention.isZero()) {
      throw new IllegalArgumentException("escala.llm.answer-cache-retention must be positive, e.g. P7D");
    }
    if (invalidAnswerAttempts < 1) {
      throw new IllegalArgumentException("escala.llm.invalid-answer-attempts must be 1 or more");
    }
  }

  public boolean hasApiKey() {
    return !apiKey.isBlank();
  }

  /** Never prints the key: properties end up in start-up logs and actuator output. */
  @Override
  public String toString() {
    return "LlmProperties[apiKey=" + (hasApiKey() ? "***" : "") + ", baseUrl=" + baseUrl + ", model=" + model
        + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", invalidAnswerAttempts=" + invalidAnswerAttempts
        + ", fallbackOnFailure=" + fallbackOnFailure + ", answerCacheRetention=" + answerCacheRetention + "]";
  }
}
