package io.escala.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RecurrenceId;

/**
 * The busy time in iCalendar objects (RFC 5545), as a CalDAV server returns them: whole objects, recurring events
 * unexpanded. ical4j expands RRULE/RDATE minus EXDATE; an overridden occurrence (a VEVENT with RECURRENCE-ID) replaces
 * the occurrence it names. Transparent and cancelled events take no time.
 */
final class BusyTime {

  private BusyTime() {}

  static List<BusyInterval> in(Calendar calendar, Instant from, Instant to, ZoneId floatingZone) {
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    Set<String> overridden = new HashSet<>();
    for (VEvent event : events) {
      event.<RecurrenceId<Temporal>>getProperty(Property.RECURRENCE_ID).ifPresent(id ->
          overridden.add(uid(event) + " " + instant(id.getDate(), floatingZone)));
    }
    List<BusyInterval> busy = new ArrayList<>();
    for (VEvent event : events) {
      if (!takesTime(event) || event.getStartDate().isEmpty()) {
        continue;
      }
      boolean override = event.getProperty(Property.RECURRENCE_ID).isPresent();
      Temporal eventStart = event.getStartDate().get().getDate();
      Period<? extends Temporal> window = window(eventStart, from, to, floatingZone);
      for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(window)) {
        Instant start = instant(period.getStart(), floatingZone);
        Instant end = instant(period.getEnd(), floatingZone);
        if (!override && overridden.contains(uid(event) + " " + start)) {
          continue;
        }
        if (end.isAfter(start) && start.isBefore(to) && end.isAfter(from)) {
          busy.add(new BusyInterval(start, end));
        }
      }
    }
    busy.sort((a, b) -> a.start().compareTo(b.start()));
    return busy;
  }

  /**
   * ical4j compares the window with the event's own kind of date (zoned, UTC, floating, all-day), so the window is
   * given in that kind; a day more on each side, as all-day and floating dates only become instants in
   * {@code floatingZone}. The exact window is applied to the instants.
   */
  private static Period<? extends Temporal> window(Temporal eventStart, Instant from, Instant to, ZoneId floatingZone) {
    Instant start = from.minus(1, ChronoUnit.DAYS);
    Instant end = to.plus(1, ChronoUnit.DAYS);
    if (eventStart instanceof ZonedDateTime zoned) {
      return new Period<>(start.atZone(zoned.getZone()), end.atZone(zoned.getZone()));
    }
    if (eventStart instanceof OffsetDateTime offset) {
      return new Period<>(start.atOffset(offset.getOffset()), end.atOffset(offset.getOffset()));
    }
    if (eventStart instanceof LocalDateTime) {
      return new Period<>(LocalDateTime.ofInstant(start, floatingZone), LocalDateTime.ofInstant(end, floatingZone));
    }
    if (eventStart instanceof LocalDate) {
      return new Period<>(LocalDate.ofInstant(start, floatingZone), LocalDate.ofInstant(end, floatingZone));
    }
    return new Period<>(start.atZone(ZoneOffset.UTC), end.atZone(ZoneOffset.UTC));
  }

  private static boolean takesTime(VEvent event) {
    boolean transparent = event.getProperty(Property.TRANSP)
        .map(p -> p.getValue().equalsIgnoreCase("TRANSPARENT")).orElse(false);
    boolean cancelled = event.getProperty(Property.STATUS)
        .map(p -> p.getValue().equalsIgnoreCase("CANCELLED")).orElse(false);
    return !transparent && !cancelled;
  }

  private static String uid(VEvent event) {
    return event.getProperty(Property.UID).map(Property::getValue).orElse("");
  }

  /** DATE-TIME in UTC, with TZID, or floating; DATE (all day) starts at midnight in {@code floatingZone}. */
  static Instant instant(Temporal value, ZoneId floatingZone) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof LocalDateTime floating) {
      return floating.atZone(floatingZone).toInstant();
    }
    if (value instanceof LocalDate day) {
      return day.atStartOfDay(floatingZone).toInstant();
    }
    throw new IllegalArgumentException("unsupported iCalendar date: " + value);
  }
}
