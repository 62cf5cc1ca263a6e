package io.escala.calendar;

import java.time.Instant;
import java.util.List;

/**
 * The default: no external calendar. Nothing outside Escala blocks a slot (Escala's own bookings are counted where
 * slots are offered), and nothing is written anywhere.
 */
public class BuiltInCalendar implements StaffCalendar {

  public static final String PROVIDER = "built-in";

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
    return List.of();
  }

  @Override
  public void put(CalendarRef calendar, CalendarEvent event) {}

  @Override
  public void remove(CalendarRef calendar, String uid) {}
}
