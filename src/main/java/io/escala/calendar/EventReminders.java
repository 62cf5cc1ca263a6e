package io.escala.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which reminder before an event (a demo, a live session) is due next: the longest one still ahead, and after one
 * was sent only shorter ones, so a timer fired early (by an operator) never sends one twice. A reminder whose time has
 * passed is skipped, never sent late.
 */
public final class EventReminders {

  private EventReminders() {}

  /**
   * @param reminders how long before the start each goes out, in any order; zero or negative ones are ignored
   * @param lastSent the reminder sent last for this start, or null when none was
   * @return how long before the start the next one goes out (at {@code start - before}); empty when none is left
   */
  public static Optional<Duration> next(Instant start, Instant now, List<Duration> reminders, Duration lastSent) {
    return reminders.stream()
        .filter(before -> !before.isNegative() && !before.isZero())
        .filter(before -> lastSent == null || before.compareTo(lastSent) < 0)
        .sorted(Comparator.reverseOrder())
        .filter(before -> !start.minus(before).isBefore(now))
        .findFirst();
  }
}
