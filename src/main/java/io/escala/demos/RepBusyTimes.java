package io.escala.demos;

import io.escala.calendar.BusyInterval;
import io.escala.calendar.CalendarRef;
import io.escala.calendar.CalendarUnavailableException;
import io.escala.calendar.StaffCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The reps' own calendars' busy time, for the slot list. A calendar that does not answer never blocks booking: the
 * list is computed with what was last known (or nothing) and says it may be stale; the booking itself asks the
 * chosen rep's calendar again ({@link #busyNow}).
 *
 * <p>Answers are kept for a minute per rep, in this node's memory: only a cache, the database decides bookings.
 */
@Component
class RepBusyTimes {

  private static final Logger log = LoggerFactory.getLogger(RepBusyTimes.class);

  /** The busy time found, and whether a calendar could not be asked (the list may show a slot that is not free). */
  record BusyTimes(Map<String, List<BusyInterval>> byRep, boolean stale) {}

  private record Known(Instant from, Instant to, List<BusyInterval> busy, Instant fetchedAt) {}

  private final StaffCalendar calendar;
  private final Clock clock;
  private final Duration keepFor;
  private final Duration waitAtMost;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final ExecutorService lookups = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "rep-calendar-lookup");
    thread.setDaemon(true);
    return thread;
  });

  RepBusyTimes(StaffCalendar calendar, Clock clock,
      @Value("${escala.demos.calendar-cache-for:PT1M}") Duration keepFor,
      @Value("${escala.demos.calendar-wait:PT4S}") Duration waitAtMost) {
    this.calendar = calendar;
    this.clock = clock;
    this.keepFor = keepFor;
    this.waitAtMost = waitAtMost;
  }

  BusyTimes busy(List<RepSettings> reps, Instant from, Instant to) {
    Map<String, CompletableFuture<List<BusyInterval>>> asked = new HashMap<>();
    Map<String, List<BusyInterval>> byRep = new HashMap<>();
    Instant now = clock.instant();
    for (RepSettings rep : reps) {
      if (rep.calendarId() == null || rep.calendarId().isBlank()) {
        continue;
      }
      Known cached = known.get(rep.userId());
      if (cached != null && !cached.from().isAfter(from) && !cached.to().isBefore(to)
          && cached.fetchedAt().plus(keepFor).isAfter(now)) {
        byRep.put(rep.userId(), cached.busy());
        continue;
      }
      CalendarRef ref = new CalendarRef(rep.userId(), rep.calendarId());
      asked.put(rep.userId(), CompletableFuture.supplyAsync(() -> calendar.busy(ref, from, to), lookups));
    }
    boolean stale = false;
    long deadline = System.nanoTime() + waitAtMost.toNanos();
    for (Map.Entry<String, CompletableFuture<List<BusyInterval>>> answer : asked.entrySet()) {
      String rep = answer.getKey();
      try {
        List<BusyInterval> busy = answer.getValue().get(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
        known.put(rep, new Known(from, to, busy, now));
        byRep.put(rep, busy);
      } catch (Exception unanswered) {
        stale = true;
        Known last = known.get(rep);
        if (last != null) {
          byRep.put(rep, last.busy());
        }
        log.warn("The calendar of rep {} did not answer ({}): slots offered without its latest busy time", rep,
            rootMessage(unanswered));
      }
    }
    return new BusyTimes(byRep, stale);
  }

  /**
   * The rep's busy time around one start, asked now (no cache), for the check at confirmation.
   *
   * @throws CalendarUnavailableException when it does not answer; the caller books on Escala's own data
   */
  List<BusyInterval> busyNow(RepSettings rep, Instant from, Instant to) {
    if (rep.calendarId() == null || rep.calendarId().isBlank()) {
      return List.of();
    }
    List<BusyInterval> busy = calendar.busy(new CalendarRef(rep.userId(), rep.calendarId()), from, to);
    known.remove(rep.userId());
    return busy;
  }

  /** After a rep changed their settings or a booking changed their time: ask their calendar again next time. */
  void forget(String repId) {
    known.remove(repId);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
