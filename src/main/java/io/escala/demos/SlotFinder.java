package io.escala.demos;

import io.escala.calendar.BusyInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which starts each rep can take: plain computation over the reps' settings, what is already booked and their own
 * calendars' busy time; the database decides for real when a slot is booked ({@link DemoBookings}).
 */
final class SlotFinder {

  /** Why a rep cannot take a start; FREE when they can. */
  enum Verdict { FREE, PAST, OFF_GRID, TOO_SOON, TOO_FAR, OUTSIDE_HOURS, DAILY_CAP, TAKEN, CALENDAR_BUSY }

  /**
   * What is already taken.
   *
   * @param blocks per rep, the 5-minute blocks held by bookings
   * @param perDay per rep, demos booked per local day
   * @param calendarBusy per rep, their own calendar's busy time
   */
  record Taken(Map<String, Set<Instant>> blocks, Map<String, Map<LocalDate, Integer>> perDay,
      Map<String, List<BusyInterval>> calendarBusy) {}

  /** A start some reps can take, and when the demo would end with each. */
  record Slot(Instant start, Map<String, Instant> endByRep) {}

  private final Duration step;
  private final Duration horizon;

  SlotFinder(Duration step, Duration horizon) {
    this.step = step;
    this.horizon = horizon;
  }

  /** The starts within {@code [from, to)} that at least one rep can take, earliest first. */
  List<Slot> freeSlots(List<RepSettings> reps, Instant now, Instant from, Instant to, Taken taken) {
    TreeMap<Instant, Map<String, Instant>> slots = new TreeMap<>();
    for (RepSettings rep : reps) {
      for (Instant start : candidateStarts(rep, from, to)) {
        if (verdict(rep, start, now, taken) == Verdict.FREE) {
          slots.computeIfAbsent(start, s -> new TreeMap<>()).put(rep.userId(), start.plus(rep.demoLength()));
        }
      }
    }
    List<Slot> result = new ArrayList<>(slots.size());
    slots.forEach((start, ends) -> result.add(new Slot(start, ends)));
    return result;
  }

  /** Can this rep take a demo starting then? */
  Verdict verdict(RepSettings rep, Instant start, Instant now, Taken taken) {
    if (!start.isAfter(now)) {
      return Verdict.PAST;
    }
    if (start.getEpochSecond() % step.toSeconds() != 0 || start.getNano() != 0) {
      return Verdict.OFF_GRID;
    }
    if (start.isAfter(now.plus(horizon))) {
      return Verdict.TOO_FAR;
    }
    Instant end = start.plus(rep.demoLength());
    if (!withinHours(rep, start, end)) {
      return Verdict.OUTSIDE_HOURS;
    }
    if (start.isBefore(now.plus(Duration.ofMinutes(rep.minNoticeMinutes())))) {
      return Verdict.TOO_SOON;
    }
    LocalDate day = start.atZone(rep.timeZone()).toLocalDate();
    int booked = taken.perDay().getOrDefault(rep.userId(), Map.of()).getOrDefault(day, 0);
    if (booked >= rep.maxPerDay()) {
      return Verdict.DAILY_CAP;
    }
    Set<Instant> held = taken.blocks().getOrDefault(rep.userId(), Set.of());
    if (!held.isEmpty()) {
      for (Instant block : BookingBlocks.of(rep, start, end)) {
        if (held.contains(block)) {
          return Verdict.TAKEN;
        }
      }
    }
    Instant blockedFrom = start.minus(Duration.ofMinutes(rep.bufferBeforeMinutes()));
    Instant blockedTo = end.plus(Duration.ofMinutes(rep.bufferAfterMinutes()));
    for (BusyInterval busy : taken.calendarBusy().getOrDefault(rep.userId(), List.of())) {
      if (busy.overlaps(blockedFrom, blockedTo)) {
        return Verdict.CALENDAR_BUSY;
      }
    }
    return Verdict.FREE;
  }

  /** The grid starts within the rep's working hours that leave room for a whole demo. */
  List<Instant> candidateStarts(RepSettings rep, Instant from, Instant to) {
    List<Instant> starts = new ArrayList<>();
    LocalDate first = from.atZone(rep.timeZone()).toLocalDate();
    LocalDate last = to.atZone(rep.timeZone()).toLocalDate();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      for (RepSettings.Hours hours : rep.hours().getOrDefault(day.getDayOfWeek(), List.of())) {
        Instant open = ZonedDateTime.ofLocal(LocalDateTime.of(day, hours.start()), rep.timeZone(), null).toInstant();
        Instant close = ZonedDateTime.ofLocal(LocalDateTime.of(day, hours.end()), rep.timeZone(), null).toInstant();
        for (Instant start = ceil(open); !start.plus(rep.demoLength()).isAfter(close); start = start.plus(step)) {
          if (!start.isBefore(from) && start.isBefore(to)) {
            starts.add(start);
          }
        }
      }
    }
    return starts;
  }

  private boolean withinHours(RepSettings rep, Instant start, Instant end) {
    ZonedDateTime local = start.atZone(rep.timeZone());
    for (RepSettings.Hours hours : rep.hours().getOrDefault(local.getDayOfWeek(), List.of())) {
      Instant open = ZonedDateTime.ofLocal(LocalDateTime.of(local.toLocalDate(), hours.start()), rep.timeZone(), null)
          .toInstant();
      Instant close = ZonedDateTime.ofLocal(LocalDateTime.of(local.toLocalDate(), hours.end()), rep.timeZone(), null)
          .toInstant();
      if (!start.isBefore(open) && !end.isAfter(close)) {
        return true;
      }
    }
    return false;
  }

  private Instant ceil(Instant instant) {
    long seconds = instant.getEpochSecond();
    long rest = Math.floorMod(seconds, step.toSeconds());
    return rest == 0 && instant.getNano() == 0 ? instant : Instant.ofEpochSecond(seconds - rest + step.toSeconds());
  }
}
