package io.escala.documents;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Waits between attempts of one LLM call: the server's {@code Retry-After} (or OpenAI's {@code retry-after-ms}) when
 * it sends one, else exponential ({@code base × 2^(attempt-1)}, at most {@code max}) with jitter in its upper half, so
 * that 50 threads refused together do not come back together.
 */
final class Backoff {

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** @param attempt the attempt that just failed, from 1 */
  Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
      return retryAfter.get();
    }
    long exponential = base.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, max.toMillis());
    return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
  }

  /** 408, 409, 429 and 5xx are worth another attempt; 0 stands for no answer at all (time-out, connection). */
  static boolean retryable(int status) {
    return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(Function<String, List<String>> headers, java.time.Clock clock) {
    Optional<String> millis = first(headers.apply("retry-after-ms"));
    if (millis.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.get())));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    Optional<String> value = first(headers.apply("retry-after"));
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.get()) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static Optional<String> first(List<String> values) {
    return values == null || values.isEmpty() || values.get(0).isBlank()
        ? Optional.empty()
        : Optional.of(values.get(0).strip());
  }
}
