package io.escala.documents;

import java.time.Duration;
import java.util.Optional;

/** One chat completion for one section of one row; no retries of its own (the worker's backoff does them). */
public interface DocumentModel extends AutoCloseable {

  /**
   * @param idempotencyKey sent as the {@code Idempotency-Key} header, and the key of the answer cache
   * @param jsonSchema the section's schema: the answer is then asked for as JSON ({@code null}: text)
   */
  record Request(String idempotencyKey, String model, String system, String user, int maxTokens, String sectionName,
      String jsonSchema) {}

  record Answer(String text, String model, int promptTokens, int completionTokens) {}

  /** No usable answer: {@code status} is the HTTP status, 0 when there was none (time-out, connection). */
  final class CallFailedException extends RuntimeException {

    private final int status;
    private final transient Optional<Duration> retryAfter;

    public CallFailedException(int status, Optional<Duration> retryAfter, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    public int status() {
      return status;
    }

    public Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }

  Answer complete(Request request);

  @Override
  default void close() {}
}
