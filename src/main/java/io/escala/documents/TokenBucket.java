package io.escala.documents;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket refilled continuously at {@code perMinute}, holding at most one second's worth (so a start does not
 * burst a minute's budget at once). Reservations are taken in arrival order: a caller deducts what it needs now and
 * is told how long to wait for the bucket to cover it, so many threads spread out instead of waking together. A cost
 * above the capacity (one call estimated at more tokens than a second allows) waits for a full bucket and leaves a
 * debt that later callers wait out. bucket4j would do this; it is not among the libraries the build can use.
 */
public final class TokenBucket {

  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoTime;
  private double available;
  private long refilledAt;

  TokenBucket(long perMinute, LongSupplier nanoTime) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("a rate of at least 1 per minute: " + perMinute);
    }
    this.capacity = Math.max(1, perMinute / 60.0);
    this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
    this.nanoTime = nanoTime;
    this.available = capacity;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** {@code perMinute} of 0: no bucket (no limit). */
  public static TokenBucket perMinute(long perMinute) {
    return perMinute <= 0 ? null : new TokenBucket(perMinute, System::nanoTime);
  }

  /** Takes {@code cost} now; returns how many nanoseconds the caller must wait before using it (0: at once). */
  public synchronized long reserve(long cost) {
    refill();
    double needed = Math.min(cost, capacity);
    long wait = available >= needed ? 0 : (long) Math.ceil((needed - available) / perNano);
    available -= cost;
    return wait;
  }

  /** Corrects an estimate once the real cost is known: positive takes more, negative gives back. */
  public synchronized void adjust(long difference) {
    refill();
    available = Math.min(capacity, available - difference);
  }

  /** Blocks until {@code cost} is covered. */
  public void acquire(long cost) throws InterruptedException {
    long wait = reserve(cost);
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    available = Math.min(capacity, available + (now - refilledAt) * perNano);
    refilledAt = now;
  }
}
