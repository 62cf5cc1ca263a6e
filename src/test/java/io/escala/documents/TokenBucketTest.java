package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void holdsOneSecondOfTheRateAndSpacesTheRestEvenly() {
    TokenBucket bucket = new TokenBucket(600, now::get); // 10 per second

    for (int i = 0; i < 10; i++) {
      assertThat(bucket.reserve(1)).isZero();
    }
    assertThat(bucket.reserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(bucket.reserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void refillsWithTimeUpToItsCapacity() {
    TokenBucket bucket = new TokenBucket(600, now::get);
    for (int i = 0; i < 10; i++) {
      bucket.reserve(1);
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.reserve(1)).isZero();
    }
    assertThat(bucket.reserve(1)).isPositive();

    now.addAndGet(TimeUnit.MINUTES.toNanos(10));
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.reserve(1)).as("no more than one second's worth after a long idle").isZero();
    }
    assertThat(bucket.reserve(1)).isPositive();
  }

  @Test
  void overAMinuteTheRateIsTheConfiguredOne() {
    TokenBucket bucket = new TokenBucket(120, now::get);
    long start = now.get();
    int granted = 0;
    while (true) {
      long wait = bucket.reserve(1);
      if (now.get() + wait - start >= TimeUnit.MINUTES.toNanos(1)) {
        break;
      }
      granted++;
    }
    // 2 at once (one second's worth) + 120 refilled within the minute, the last one at exactly 60 s excluded
    assertThat(granted).isBetween(120, 122);
  }

  @Test
  void aCostAboveTheCapacityWaitsForAFullBucketAndLeavesADebt() {
    TokenBucket tokens = new TokenBucket(60_000, now::get); // 1,000 per second

    assertThat(tokens.reserve(3_000)).isZero();
    assertThat(tokens.reserve(1)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(2_001));
  }

  @Test
  void anOverestimateIsGivenBack() {
    TokenBucket tokens = new TokenBucket(60_000, now::get);
    tokens.reserve(1_000);
    assertThat(tokens.reserve(1)).isPositive();

    tokens.adjust(-900);

    assertThat(tokens.reserve(800)).isZero();
  }

  @Test
  void noRateIsNoBucket() {
    assertThat(TokenBucket.perMinute(0)).isNull();
  }
}
