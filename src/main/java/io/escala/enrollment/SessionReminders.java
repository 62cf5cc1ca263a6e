package io.escala.enrollment;

import io.escala.calendar.EventReminders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which reminder of a live session is due next ({@code escala.enrollment.reminders}: 7 days, 1 day, 1 hour before).
 * A reminder whose time has passed is skipped, never sent late (someone enrolling 3 days before gets the 1-day and
 * the 1-hour reminders), and after one was sent only shorter ones follow, so a timer fired early never sends one
 * twice ({@link EventReminders}, as demo scheduling plans its reminders).
 */
@Component
public class SessionReminders {

  /**
   * @param at when to send it
   * @param before how long before the start it goes out (what the case remembers as the last one sent)
   */
  public record Reminder(Instant at, Duration before) {}

  private final EnrollmentProperties properties;
  private final Clock clock;

  SessionReminders(EnrollmentProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** The next reminder for the cohort now; none for a cohort without a live session. */
  public Optional<Reminder> next(Cohort cohort, Duration lastSent) {
    if (!cohort.isLive()) {
      return Optional.empty();
    }
    return next(cohort.startsAt(), clock.instant(), properties.reminders(), lastSent);
  }

  /**
   * The next reminder for the cohort as it is now, after the one a case sent last.
   *
   * @param lastSentMark {@link #sentMark} of the reminder sent last, or null; a mark for another start (the cohort
   *     was moved) counts as none sent
   */
  public Optional<Reminder> nextAfter(Cohort cohort, String lastSentMark) {
    Duration lastSent = null;
    if (lastSentMark != null && lastSentMark.endsWith("@" + cohort.startsAt())) {
      lastSent = Duration.parse(lastSentMark.substring(0, lastSentMark.indexOf('@')));
    }
    return next(cohort, lastSent);
  }

  /** What a case remembers of a sent reminder: which one, for which start. */
  public static String sentMark(Duration before, Instant start) {
    return before + "@" + start;
  }

  /**
   * @param lastSent the {@link Reminder#before()} of the reminder sent last, or null when none was
   */
  public static Optional<Reminder> next(Instant start, Instant now, List<Duration> reminders, Duration lastSent) {
    return EventReminders.next(start, now, reminders, lastSent).map(before -> new Reminder(start.minus(before), before));
  }
}
