package io.escala.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does (a worker, a message delivered after a commit), polling, never forever. */
public final class Eventually {

  private static final Duration LIMIT = Duration.ofSeconds(40);

  private Eventually() {}

  /** Polls {@code condition} every 20 ms; fails naming {@code what} after 40 s. */
  public static void waitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + LIMIT.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
