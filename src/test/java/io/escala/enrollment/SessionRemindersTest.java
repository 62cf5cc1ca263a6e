package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.enrollment.SessionReminders.Reminder;
import io.escala.payments.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionRemindersTest {

  private static final Instant START = Instant.parse("2026-12-10T23:00:00Z");
  private static final List<Duration> DEFAULTS = List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1));

  @Test
  void enrolledWeeksAheadGetsTheSevenDayReminderFirst() {
    assertThat(SessionReminders.next(START, START.minus(Duration.ofDays(20)), DEFAULTS, null))
        .contains(new Reminder(START.minus(Duration.ofDays(7)), Duration.ofDays(7)));
  }

  @Test
  void afterOneIsSentTheNextShorterOneFollows() {
    Instant sevenDaysBefore = START.minus(Duration.ofDays(7));
    assertThat(SessionReminders.next(START, sevenDaysBefore, DEFAULTS, Duration.ofDays(7)))
        .contains(new Reminder(START.minus(Duration.ofDays(1)), Duration.ofDays(1)));
    assertThat(SessionReminders.next(START, START.minus(Duration.ofDays(1)), DEFAULTS, Duration.ofDays(1)))
        .contains(new Reminder(START.minus(Duration.ofHours(1)), Duration.ofHours(1)));
  }

  @Test
  void pastRemindersAreSkippedNeverSentLate() {
    // enrolled three days before: the 7-day reminder is gone, the 1-day one is next
    assertThat(SessionReminders.next(START, START.minus(Duration.ofDays(3)), DEFAULTS, null))
        .contains(new Reminder(START.minus(Duration.ofDays(1)), Duration.ofDays(1)));
    // thirty minutes before: nothing is due any more
    assertThat(SessionReminders.next(START, START.minus(Duration.ofMinutes(30)), DEFAULTS, null)).isEmpty();
  }

  @Test
  void theLastReminderSentEndsTheSeriesEvenWhenATimerFiredEarly() {
    // the 1-hour reminder went out (early, by an operator): nothing is left, the 1-day one is not sent after it
    assertThat(SessionReminders.next(START, START.minus(Duration.ofDays(2)), DEFAULTS, Duration.ofHours(1))).isEmpty();
  }

  @Test
  void theOrderOfTheSettingDoesNotMatter() {
    List<Duration> shuffled = List.of(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(1));
    assertThat(SessionReminders.next(START, START.minus(Duration.ofDays(10)), shuffled, null).map(Reminder::before))
        .contains(Duration.ofDays(7));
  }

  @Test
  void aReminderDueExactlyNowIsStillSent() {
    Instant oneDayBefore = START.minus(Duration.ofDays(1));
    assertThat(SessionReminders.next(START, oneDayBefore, DEFAULTS, Duration.ofDays(7)))
        .contains(new Reminder(oneDayBefore, Duration.ofDays(1)));
  }

  @Test
  void aCohortWithoutALiveSessionHasNoReminders() {
    EnrollmentProperties properties = new EnrollmentProperties(Duration.ofHours(48), Duration.ofHours(72),
        Duration.ofHours(24), DEFAULTS, Duration.ofHours(2), Duration.ofDays(7), 2);
    SessionReminders reminders = new SessionReminders(properties,
        Clock.fixed(START.minus(Duration.ofDays(10)), ZoneOffset.UTC));
    Cohort recorded = cohort(null);
    Cohort live = cohort("https://meet.example/abc");
    assertThat(reminders.next(recorded, (Duration) null)).isEmpty();
    assertThat(reminders.next(live, (Duration) null)).isEqualTo(Optional.of(
        new Reminder(START.minus(Duration.ofDays(7)), Duration.ofDays(7))));
  }

  @Test
  void aReminderSentForAnEarlierStartDoesNotCountOnceTheSessionMoved() {
    EnrollmentProperties properties = new EnrollmentProperties(Duration.ofHours(48), Duration.ofHours(72),
        Duration.ofHours(24), DEFAULTS, Duration.ofHours(2), Duration.ofDays(7), 2);
    SessionReminders reminders = new SessionReminders(properties,
        Clock.fixed(START.minus(Duration.ofDays(8)), ZoneOffset.UTC));
    Cohort live = cohort("https://meet.example/abc");
    String sentForThisStart = SessionReminders.sentMark(Duration.ofDays(1), START);
    String sentForAnEarlierStart = SessionReminders.sentMark(Duration.ofDays(1), START.minus(Duration.ofDays(3)));
    assertThat(reminders.nextAfter(live, sentForThisStart).map(Reminder::before)).contains(Duration.ofHours(1));
    assertThat(reminders.nextAfter(live, sentForAnEarlierStart).map(Reminder::before)).contains(Duration.ofDays(7));
    assertThat(reminders.nextAfter(live, null).map(Reminder::before)).contains(Duration.ofDays(7));
  }

  private static Cohort cohort(String joinUrl) {
    return new Cohort(1, 1, "IA-2026-12", START, START.plus(Duration.ofHours(2)), ZoneId.of("America/Bogota"), 20, 3,
        Money.of("100000", "COP"), joinUrl, null, true);
  }
}
