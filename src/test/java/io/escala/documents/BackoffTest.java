package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void doublesPerAttemptUpToTheMaximumWithJitterInTheUpperHalf() {
    Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.0);
    Backoff high = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.999_999);

    assertThat(low.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(250));
    assertThat(high.delay(1, Optional.empty())).isEqualTo(Duration.ofMillis(499));
    assertThat(low.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
    assertThat(high.delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(1999));
    assertThat(high.delay(10, Optional.empty())).isEqualTo(Duration.ofMillis(29_999));
    assertThat(high.delay(80, Optional.empty())).as("no overflow").isEqualTo(Duration.ofMillis(29_999));
  }

  @Test
  void retryAfterWinsOverTheExponentialWait() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.5);

    assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(90)))).as("honoured beyond the maximum")
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void readsRetryAfterInSecondsMillisecondsOrAsADate() {
    assertThat(Backoff.retryAfter(headers(Map.of("retry-after", "3")), clock)).contains(Duration.ofSeconds(3));
    assertThat(Backoff.retryAfter(headers(Map.of("retry-after", "1.5")), clock)).contains(Duration.ofMillis(1500));
    assertThat(Backoff.retryAfter(headers(Map.of("retry-after-ms", "250", "retry-after", "1")), clock))
        .contains(Duration.ofMillis(250));
    assertThat(Backoff.retryAfter(headers(Map.of("retry-after", "Sun, 29 Nov 2026 12:00:20 GMT")), clock))
        .contains(Duration.ofSeconds(20));
    assertThat(Backoff.retryAfter(headers(Map.of("retry-after", "soon")), clock)).isEmpty();
    assertThat(Backoff.retryAfter(headers(Map.of()), clock)).isEmpty();
  }

  @Test
  void retriesRateLimitsServerErrorsAndTimeOutsOnly() {
    assertThat(List.of(0, 408, 409, 429, 500, 502, 503)).allMatch(Backoff::retryable);
    assertThat(List.of(400, 401, 403, 404, 422)).noneMatch(Backoff::retryable);
  }

  private static java.util.function.Function<String, List<String>> headers(Map<String, String> values) {
    return name -> values.containsKey(name) ? List.of(values.get(name)) : List.of();
  }
}
