package io.escala.bench.stub;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Calls per idempotency key and totals by outcome; safe for concurrent handlers. */
final class CallLedger {

  enum Outcome { ACCEPTED, RATE_LIMITED, FAILED }

  private record KeyCount(long calls, long accepted) {}

  private final Map<String, KeyCount> byKey = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  void record(String key, Outcome outcome) {
    long acceptedNow = outcome == Outcome.ACCEPTED ? 1 : 0;
    byKey.merge(key, new KeyCount(1, acceptedNow),
        (old, one) -> new KeyCount(old.calls() + 1, old.accepted() + one.accepted()));
    switch (outcome) {
      case ACCEPTED -> accepted.incrementAndGet();
      case RATE_LIMITED -> rateLimited.incrementAndGet();
      case FAILED -> failed.incrementAndGet();
    }
  }

  long calls(String key) {
    KeyCount count = byKey.get(key);
    return count == null ? 0 : count.calls();
  }

  /** Keys answered 2xx more than once, with how many 2xx answers each got. */
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

  int distinctKeys() {
    return byKey.size();
  }

  long accepted() {
    return accepted.get();
  }

  long rateLimited() {
    return rateLimited.get();
  }

  long failed() {
    return failed.get();
  }

  long totalCalls() {
    return accepted.get() + rateLimited.get() + failed.get();
  }
}
