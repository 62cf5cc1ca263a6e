package io.escala.calendar;

import java.time.Instant;

/** A busy stretch of a calendar, {@code [start, end)}. */
public record BusyInterval(Instant start, Instant end) {

  public BusyInterval {
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException("a busy interval needs start < end, got " + start + " .. " + end);
    }
  }

  public boolean overlaps(Instant otherStart, Instant otherEnd) {
    return start.isBefore(otherEnd) && otherStart.isBefore(end);
  }
}
