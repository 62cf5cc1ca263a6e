package io.escala.bench.stub;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/** Sliding one-minute window of admitted requests: at most {@code perMinute} in any 60 seconds. */
final class RequestWindow {

  static final long WINDOW_NANOS = 60_000_000_000L;

  /** What the limiter decided, with what the {@code x-ratelimit-*} and {@code Retry-After} headers report. */
  record Decision(boolean admitted, int limit, int remaining, long resetNanos) {

    /** Whole seconds, rounded up and at least 1, as OpenAI sends in {@code Retry-After}. */
    long retryAfterSeconds() {
      return Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L);
    }
  }

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Deque<Long> admissions = new ArrayDeque<>();

  /** @param perMinute 0 or less: no limit */
  RequestWindow(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  boolean limited() {
    return perMinute > 0;
  }

  synchronized Decision tryAdmit() {
    long now = nanoClock.getAsLong();
    while (!admissions.isEmpty() && now - admissions.peekFirst() >= WINDOW_NANOS) {
      admissions.pollFirst();
    }
    if (admissions.size() < perMinute) {
      admissions.addLast(now);
      return new Decision(true, perMinute, perMinute - admissions.size(), untilOldestLeaves(now));
    }
    return new Decision(false, perMinute, 0, untilOldestLeaves(now));
  }

  private long untilOldestLeaves(long now) {
    return admissions.isEmpty() ? 0 : Math.max(0, admissions.peekFirst() + WINDOW_NANOS - now);
  }
}
