package io.escala.calendar;

import java.time.Instant;
import java.util.List;

/**
 * The port to a staff member's own calendar (a sales rep's, an instructor's): their existing meetings block slots,
 * and what Escala books for them appears there.
 * One adapter is active ({@code escala.calendar.provider}: {@code built-in}, {@code caldav}, {@code google}).
 *
 * <p>Every write is idempotent by the event's UID: a retried job updates the same event, never adds a second one.
 */
public interface StaffCalendar {

  /** The provider's name as configured, e.g. {@code caldav}. */
  String provider();

  /**
   * The owner's busy time overlapping {@code [from, to)}.
   *
   * @throws CalendarUnavailableException when the calendar does not answer in time, answers 5xx or refuses the
   *     credentials; booking goes on with Escala's own bookings and says the list may be stale
   */
  List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to);

  /** Creates the event, or updates it when one with the same UID exists. */
  void put(CalendarRef calendar, CalendarEvent event);

  /** Removes the event with this UID; an unknown UID is not an error. */
  void remove(CalendarRef calendar, String uid);
}
