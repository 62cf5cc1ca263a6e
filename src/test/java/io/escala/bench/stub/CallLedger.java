package io.escala.bench.stub;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls per idempotency key and totals by outcome; safe for concurrent handlers. Only 2xx answers can be
 * duplicates: a 429 or 500 answered for a key and then retried is one request paid once.
 */
final class CallLedger {

  enum Outcome {
    /** A new answer (what a provider bills). */
    ACCEPTED,
    /** The stored answer of a key answered before, sent again without generating (a provider honouring the key). */
    REPLAYED,
    RATE_LIMITED,
    FAILED
  }

  /** @param firstAnsweredAt epoch milliseconds of the key's first 2xx answer, 0 when none yet */
  record KeyCount(long calls, long accepted, long replayed, long firstAnsweredAt) {}

  private final Map<String, KeyCount> byKey = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  void record(String key, Outcome outcome) {
    long acceptedNow = outcome == Outcome.ACCEPTED ? 1 : 0;
    long replayedNow = outcome == Outcome.REPLAYED ? 1 : 0;
    long answeredAt = acceptedNow == 1 ? System.currentTimeMillis() : 0;
    byKey.merge(key, new KeyCount(1, acceptedNow, replayedNow, answeredAt),
        (old, one) -> new KeyCount(old.calls() + 1, old.accepted() + one.accepted(),
            old.replayed() + one.replayed(), old.firstAnsweredAt() != 0 ? old.firstAnsweredAt()
                : one.firstAnsweredAt()));
    switch (outcome) {
      case ACCEPTED -> accepted.incrementAndGet();
      case REPLAYED -> replayed.incrementAndGet();
      case RATE_LIMITED -> rateLimited.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
    }
  }

  long calls(String key) {
    KeyCount count = byKey.get(key);
    return count == null ? 0 : count.calls();
  }

  /** Keys given a new 2xx answer more than once (generated, so billed, twice), with how many each got. */
  Map<String, Long> duplicates() {
    Map<String, Long> duplicates = new TreeMap<>();
    byKey.forEach((key, count) -> {
      if (count.accepted() > 1) {
        duplicates.put(key, count.accepted());
      }
    });
    return duplicates;
  }

  Set<String> duplicateKeys() {
    return new TreeSet<>(duplicates().keySet());
  }

  /**
   * Keys asked again after a 2xx answer (new or replayed), with the epoch milliseconds of their first answer: the
   * caller lost an answer it had been sent, or asked twice.
   */
  Map<String, Long> askedAgain() {
    Map<String, Long> again = new TreeMap<>();
    byKey.forEach((key, count) -> {
      if (count.accepted() + count.replayed() > 1) {
        again.put(key, count.firstAnsweredAt());
      }
    });
    return again;
  }

  int distinctKeys() {
    return byKey.size();
  }

  long accepted() {
    return accepted.get();
  }

  long replayed() {
    return replayed.get();
  }

  long rateLimited() {
    return rateLimited.get();
  }

  long failed() {
    return failed.get();
  }

  long totalCalls() {
    return accepted.get() + replayed.get() + rateLimited.get() + failed.get();
  }
}
