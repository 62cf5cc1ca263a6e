package io.escala.demos;

import io.escala.calendar.BusyInterval;
import io.escala.calendar.CalendarUnavailableException;
import io.escala.demos.Booking.Status;
import io.escala.demos.SlotFinder.Slot;
import io.escala.demos.SlotFinder.Taken;
import io.escala.demos.SlotFinder.Verdict;
import io.escala.platform.CaseMessages;
import io.escala.platform.KnownContacts;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Booking, rescheduling and cancelling demos. The database decides: a booking holds its rep's 5-minute blocks
 * ({@code demo_rep_block}, one holder per block) and a place in the rep's day ({@code demo_rep_day}, raised only below
 * the cap under its row lock), so of many parallel bookings of one rep's slot exactly one commits; the others get
 * {@link Refusal#TAKEN} and a fresh slot list.
 *
 * <p>The case starts in the transaction that books (its first step is asynchronous), so there is never a booking
 * without a case or a case without a booking. Changes reach the case through {@link CaseMessages}, after commit.
 */
@Service
public class DemoBookings {

  public static final String PROCESS_KEY = "demo-scheduling";
  public static final String DEMO_BOOKED = "DemoBooked";
  public static final String DEMO_RESCHEDULED = "DemoRescheduled";
  public static final String DEMO_CANCELLED = "DemoCancelled";
  public static final String DEMO_REBOOKED = "DemoRebooked";
  public static final String REBOOKING_STOPPED = "RebookingStopped";

  private static final Logger log = LoggerFactory.getLogger(DemoBookings.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] KEY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  /** Longest demo plus widest buffer a rep can set: the blocks and busy time loaded around a window cover it. */
  private static final Duration MARGIN = Duration.ofHours(6);

  /** Why a booking or a change was not made; each has its message on the public page. */
  public enum Refusal {
    PAST, OFF_GRID, TOO_SOON, TOO_FAR, OUTSIDE_HOURS, DAILY_CAP, TAKEN, NO_REPS, NOT_CHANGEABLE;

    public String messageKey() {
      return "demos.refused." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Who changed a booking. */
  public enum Actor { LEAD, REP }

  /**
   * What the booking form sends.
   *
   * @param requestId the form's one-time id: sending it twice books once
   * @param leadKey the lead nurturing case (from a signed link), or null
   * @param rebooksKey the no-show booking this one follows (from a signed rebooking link), or null
   */
  public record NewBooking(String requestId, Instant start, String email, String name, String company, String phone,
      Locale language, ZoneId timeZone, String leadKey, String rebooksKey) {

    public NewBooking {
      if (requestId == null || requestId.isBlank() || start == null || email == null || email.isBlank()
          || name == null || name.isBlank() || language == null || timeZone == null) {
        throw new IllegalArgumentException("a booking needs a request id, a start, an e-mail, a name, a language"
            + " and a time zone");
      }
      email = email.strip().toLowerCase(Locale.ROOT);
      name = name.strip();
      company = company == null || company.isBlank() ? null : company.strip();
      phone = phone == null || phone.isBlank() ? null : phone.strip();
    }
  }

  public sealed interface Outcome permits Booked, Refused {}

  /** @param repeated the same form was sent before: this is the booking it made */
  public record Booked(Booking booking, boolean repeated) implements Outcome {}

  public record Refused(Refusal reason) implements Outcome {}

  /** Free starts, and whether a rep's calendar could not be asked. */
  public record AvailableSlots(List<Instant> starts, Map<Instant, Duration> lengths, boolean stale) {}

  private final JdbcClient jdbc;
  private final DemoReps reps;
  private final RepBusyTimes busyTimes;
  private final RuntimeService runtime;
  private final CaseMessages caseMessages;
  private final ObjectProvider<KnownContacts> knownContacts;
  private final DemoProperties properties;
  private final Clock clock;
  private final SlotFinder finder;
  private final TransactionTemplate savepoint;

  public DemoBookings(JdbcClient jdbc, DemoReps reps, RepBusyTimes busyTimes, RuntimeService runtime,
      CaseMessages caseMessages, ObjectProvider<KnownContacts> knownContacts, DemoProperties properties, Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.reps = reps;
    this.busyTimes = busyTimes;
    this.runtime = runtime;
    this.caseMessages = caseMessages;
    this.knownContacts = knownContacts;
    this.properties = properties;
    this.clock = clock;
    this.finder = new SlotFinder(properties.slotStep(), properties.horizon());
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The starts any accepting rep can take within {@code [from, to)} (clipped to now .. horizon). */
  public AvailableSlots slots(Instant from, Instant to) {
    return slots(reps.accepting(), from, to, null);
  }

  /** The starts this booking can move to: its rep's free time, the booking's own time not counted. */
  public AvailableSlots slotsFor(Booking booking, Instant from, Instant to) {
    Optional<RepSettings> rep = reps.find(booking.repId());
    return rep.map(settings -> slots(List.of(settings), from, to, booking))
        .orElse(new AvailableSlots(List.of(), Map.of(), false));
  }

  private AvailableSlots slots(List<RepSettings> offered, Instant from, Instant to, Booking except) {
    Instant now = clock.instant();
    Instant start = from.isBefore(now) ? now : from;
    Instant end = to.isAfter(now.plus(properties.horizon())) ? now.plus(properties.horizon()) : to;
    if (!end.isAfter(start) || offered.isEmpty()) {
      return new AvailableSlots(List.of(), Map.of(), false);
    }
    RepBusyTimes.BusyTimes busy = busyTimes.busy(offered, start.minus(MARGIN), end.plus(MARGIN));
    Taken taken = taken(offered, start, end, except, busy.byRep());
    List<Slot> slots = finder.freeSlots(offered, now, start, end, taken);
    Map<Instant, Duration> lengths = new HashMap<>();
    for (Slot slot : slots) {
      // where reps' lengths differ the shortest is shown; the rep who gets the booking sets the end
      slot.endByRep().values().stream().map(e -> Duration.between(slot.start(), e)).min(Comparator.naturalOrder())
          .ifPresent(length -> lengths.put(slot.start(), length));
    }
    return new AvailableSlots(slots.stream().map(Slot::start).toList(), lengths, busy.stale());
  }

  @Transactional
  public Outcome book(NewBooking request) {
    Optional<Booking> earlier = findByRequest(request.requestId());
    if (earlier.isPresent()) {
      return new Booked(earlier.get(), true);
    }
    Instant now = clock.instant();
    List<RepSettings> accepting = reps.accepting();
    if (accepting.isEmpty()) {
      return new Refused(Refusal.NO_REPS);
    }
    Instant start = request.start();
    Taken taken = taken(accepting, start, start.plus(Duration.ofHours(5)), null, Map.of());
    List<RepSettings> free = new ArrayList<>();
    Set<Verdict> verdicts = new HashSet<>();
    for (RepSettings rep : accepting) {
      Verdict verdict = finder.verdict(rep, start, now, taken);
      verdicts.add(verdict);
      if (verdict == Verdict.FREE) {
        free.add(rep);
      }
    }
    if (free.isEmpty()) {
      return new Refused(refusal(verdicts));
    }
    for (RepSettings rep : inTurn(free, request.email())) {
      if (busyInTheirCalendar(rep, start)) {
        continue;
      }
      Optional<Booking> booked = tryToBook(rep, request, now);
      if (booked.isPresent()) {
        announce(booked.get());
        return new Booked(booked.get(), false);
      }
      Optional<Booking> sameForm = findByRequest(request.requestId());
      if (sameForm.isPresent()) {
        return new Booked(sameForm.get(), true);
      }
    }
    return new Refused(Refusal.TAKEN);
  }

  /** Moves a booked demo to another start of the same rep. */
  @Transactional
  public Outcome reschedule(String bookingKey, Instant newStart, Actor actor) {
    Booking booking = lockedBooking(bookingKey).orElse(null);
    Instant now = clock.instant();
    if (booking == null || !booking.changeable(now)) {
      return new Refused(Refusal.NOT_CHANGEABLE);
    }
    if (newStart.equals(booking.start())) {
      return new Booked(booking, true);
    }
    RepSettings rep = reps.find(booking.repId()).orElse(null);
    if (rep == null) {
      return new Refused(Refusal.NO_REPS);
    }
    Taken taken = taken(List.of(rep), newStart, newStart.plus(rep.demoLength()), booking, Map.of());
    Verdict verdict = finder.verdict(rep, newStart, now, taken);
    if (verdict != Verdict.FREE) {
      return new Refused(refusal(Set.of(verdict)));
    }
    if (busyInTheirCalendar(rep, newStart)) {
      return new Refused(Refusal.TAKEN);
    }
    Instant newEnd = newStart.plus(rep.demoLength());
    boolean moved = Boolean.TRUE.equals(savepoint.execute(status -> {
      try {
        release(booking, rep);
        if (!takeDay(rep, newStart)) {
          status.setRollbackOnly();
          return false;
        }
        holdBlocks(booking.id(), rep, newStart, newEnd);
        jdbc.sql("UPDATE demo_booking SET starts_at = ?, ends_at = ?, sequence = sequence + 1, updated_at = ?"
                + " WHERE id = ?")
            .params(utc(newStart), utc(newEnd), utc(now), booking.id()).update();
        return true;
      } catch (DuplicateKeyException taken2) {
        status.setRollbackOnly();
        return false;
      }
    }));
    if (!moved) {
      return new Refused(Refusal.TAKEN);
    }
    busyTimes.forget(rep.userId());
    log.info("Demo {} moved by the {} to {}", bookingKey, actor.name().toLowerCase(Locale.ROOT), newStart);
    caseMessages.send(DEMO_RESCHEDULED, bookingKey);
    return new Booked(find(bookingKey).orElseThrow(), false);
  }

  /** Cancels a booked demo; false when it was not booked (already cancelled, over, unknown). */
  @Transactional
  public boolean cancel(String bookingKey, Actor actor) {
    Booking booking = lockedBooking(bookingKey).orElse(null);
    if (booking == null || !booking.changeable(clock.instant())) {
      return false;
    }
    reps.find(booking.repId()).ifPresentOrElse(rep -> release(booking, rep),
        () -> jdbc.sql("DELETE FROM demo_rep_block WHERE booking_id = ?").param(booking.id()).update());
    jdbc.sql("UPDATE demo_booking SET status = 'CANCELLED', sequence = sequence + 1, cancelled_by = ?,"
            + " updated_at = ? WHERE id = ?")
        .params(actor.name(), utc(clock.instant()), booking.id()).update();
    busyTimes.forget(booking.repId());
    log.info("Demo {} cancelled by the {}", bookingKey, actor.name().toLowerCase(Locale.ROOT));
    caseMessages.send(DEMO_CANCELLED, bookingKey);
    return true;
  }

  /**
   * Erasure of a person: their bookings go, and a booked one gives its time and its place in the rep's day back.
   * Their cases are deleted by {@link io.escala.platform.CaseErasure} first.
   */
  @Transactional
  public void erase(String normalizedEmail) {
    jdbc.sql(SELECT + " WHERE email = ? AND status = 'BOOKED'").param(normalizedEmail).query(DemoBookings::booking)
        .list()
        .forEach(booking -> reps.find(booking.repId()).ifPresent(rep -> release(booking, rep)));
    jdbc.sql("DELETE FROM demo_booking WHERE email = ?").param(normalizedEmail).update();
  }

  /** The rep's record of the demo: attended or not. */
  @Transactional
  public void recordOutcome(String bookingKey, boolean attended) {
    jdbc.sql("UPDATE demo_booking SET status = ?, updated_at = ? WHERE booking_key = ? AND status <> 'CANCELLED'")
        .params(attended ? Status.ATTENDED.name() : Status.NO_SHOW.name(), utc(clock.instant()), bookingKey)
        .update();
  }

  /**
   * Stops the rebooking e-mails after a no-show (the lead asked, or sales handles it). Idempotent.
   *
   * @return true when this call stopped them
   */
  @Transactional
  public boolean stopRebooking(String bookingKey) {
    int stopped = jdbc.sql("UPDATE demo_booking SET rebooking_stopped_at = ? WHERE booking_key = ?"
            + " AND status = 'NO_SHOW' AND rebooking_stopped_at IS NULL")
        .params(utc(clock.instant()), bookingKey).update();
    if (stopped > 0) {
      caseMessages.send(REBOOKING_STOPPED, bookingKey);
    }
    return stopped > 0;
  }

  /** Whether the lead booked again since this (no-show) booking, or the rebooking e-mails were stopped. */
  public boolean rebookingOver(Booking noShow) {
    if (noShow.rebookingStoppedAt() != null) {
      return true;
    }
    boolean bookedAgain = jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE email = ? AND id > ? AND status <> 'CANCELLED'")
        .params(noShow.email(), noShow.id()).query(Long.class).single() > 0;
    boolean unsubscribed = knownContacts.stream().anyMatch(contacts -> contacts.find(noShow.email())
        .map(KnownContacts.KnownContact::unsubscribed).orElse(false));
    return bookedAgain || unsubscribed;
  }

  public Optional<Booking> find(String bookingKey) {
    return jdbc.sql(SELECT + " WHERE booking_key = ?").param(bookingKey).query(DemoBookings::booking).optional();
  }

  /** A rep's demos from {@code from} on (booked and past ones), soonest first. */
  public List<Booking> of(String repId, Instant from, int limit) {
    return jdbc.sql(SELECT + " WHERE rep_id = ? AND ends_at >= ? ORDER BY starts_at LIMIT " + Math.max(1, limit))
        .params(repId, utc(from)).query(DemoBookings::booking).list();
  }

  /** Every demo of the reps from {@code from} on, soonest first, for the managers' view. */
  public List<Booking> all(Instant from, int limit) {
    return jdbc.sql(SELECT + " WHERE ends_at >= ? ORDER BY starts_at LIMIT " + Math.max(1, limit))
        .params(utc(from)).query(DemoBookings::booking).list();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private Optional<Booking> tryToBook(RepSettings rep, NewBooking request, Instant now) {
    Instant start = request.start();
    Instant end = start.plus(rep.demoLength());
    String key = newKey();
    String meetingUrl = rep.meetingLink() != null && !rep.meetingLink().isBlank()
        ? rep.meetingLink() : properties.meetingBaseUrl() + "Escala-Demo-" + newKey() + newKey();
    return savepoint.execute(status -> {
      try {
        if (!takeDay(rep, start)) {
          status.setRollbackOnly();
          return Optional.empty();
        }
        org.springframework.jdbc.support.GeneratedKeyHolder id = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO demo_booking (booking_key, request_id, rep_id, lead_key, email, name, company, phone,"
                + " language, time_zone, starts_at, ends_at, status, sequence, meeting_url, rebooks_key, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', 0, ?, ?, ?, ?)")
            .params(key, request.requestId(), rep.userId(), request.leadKey(), request.email(), request.name(),
                request.company(), request.phone(), request.language().toLanguageTag(), request.timeZone().getId(),
                utc(start), utc(end), meetingUrl, request.rebooksKey(), utc(now), utc(now))
            .update(id, "id");
        holdBlocks(id.getKey().longValue(), rep, start, end);
        rememberTurn(rep, now);
        runtime.startProcessInstanceByKey(PROCESS_KEY, key, Map.of("rep", rep.userId()));
        return find(key);
      } catch (DuplicateKeyException takenMeanwhile) {
        status.setRollbackOnly();
        return Optional.empty();
      }
    });
  }

  private void announce(Booking booking) {
    busyTimes.forget(booking.repId());
    if (booking.leadKey() != null) {
      caseMessages.send(DEMO_BOOKED, booking.leadKey(), Map.of("demoStartsAt", booking.start().toString()));
    }
    // A lead who missed a demo and booked again: their rebooking e-mails stop.
    jdbc.sql("SELECT booking_key FROM demo_booking WHERE email = ? AND status = 'NO_SHOW' AND id < ?"
            + " AND rebooking_stopped_at IS NULL")
        .params(booking.email(), booking.id()).query(String.class).list()
        .forEach(noShow -> caseMessages.send(DEMO_REBOOKED, noShow));
    log.info("Demo {} booked with rep {} at {}", booking.key(), booking.repId(), booking.start());
  }

  private void rememberTurn(RepSettings rep, Instant now) {
    if (markBooked(rep, now) == 0) {
      // a rep on the defaults has no row yet to keep their turn in; a parallel booking may create it first
      try {
        savepoint.executeWithoutResult(status -> reps.feedToken(rep.userId()));
      } catch (DataAccessException createdConcurrently) {
        // it exists now
      }
      markBooked(rep, now);
    }
  }

  private int markBooked(RepSettings rep, Instant now) {
    return jdbc.sql("UPDATE demo_rep SET last_booked_at = ? WHERE user_id = ?").params(utc(now), rep.userId())
        .update();
  }

  /** Raises the rep's count for the start's local day, unless it is at the cap; locks the day's row. */
  private boolean takeDay(RepSettings rep, Instant start) {
    LocalDate day = start.atZone(rep.timeZone()).toLocalDate();
    int raised = raiseDay(rep, day);
    if (raised == 0 && dayRowMissing(rep, day)) {
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql(
                "INSERT INTO demo_rep_day (rep_id, local_day, booked) VALUES (?, ?, 0)")
            .params(rep.userId(), day).update());
      } catch (DuplicateKeyException createdConcurrently) {
        // another booking created it: raise it under its lock
      }
      raised = raiseDay(rep, day);
    }
    return raised > 0;
  }

  private int raiseDay(RepSettings rep, LocalDate day) {
    return jdbc.sql("UPDATE demo_rep_day SET booked = booked + 1 WHERE rep_id = ? AND local_day = ? AND booked < ?")
        .params(rep.userId(), day, rep.maxPerDay()).update();
  }

  private boolean dayRowMissing(RepSettings rep, LocalDate day) {
    return jdbc.sql("SELECT COUNT(*) FROM demo_rep_day WHERE rep_id = ? AND local_day = ?").params(rep.userId(), day)
        .query(Long.class).single() == 0;
  }

  private void holdBlocks(long bookingId, RepSettings rep, Instant start, Instant end) {
    List<Object[]> rows = BookingBlocks.of(rep, start, end).stream()
        .map(block -> new Object[] {rep.userId(), utc(block), bookingId}).toList();
    for (Object[] row : rows) {
      jdbc.sql("INSERT INTO demo_rep_block (rep_id, block_start, booking_id) VALUES (?, ?, ?)").params(row).update();
    }
  }

  /** Frees the booking's blocks and its place in its day. */
  private void release(Booking booking, RepSettings rep) {
    jdbc.sql("DELETE FROM demo_rep_block WHERE booking_id = ?").param(booking.id()).update();
    jdbc.sql("UPDATE demo_rep_day SET booked = booked - 1 WHERE rep_id = ? AND local_day = ? AND booked > 0")
        .params(booking.repId(), booking.start().atZone(rep.timeZone()).toLocalDate()).update();
  }

  private boolean busyInTheirCalendar(RepSettings rep, Instant start) {
    Instant from = start.minus(Duration.ofMinutes(rep.bufferBeforeMinutes()));
    Instant to = start.plus(rep.demoLength()).plus(Duration.ofMinutes(rep.bufferAfterMinutes()));
    try {
      for (BusyInterval busy : busyTimes.busyNow(rep, from, to)) {
        if (busy.overlaps(from, to)) {
          log.info("Rep {} has a meeting in their calendar at {}: not booked with them", rep.userId(), start);
          return true;
        }
      }
      return false;
    } catch (CalendarUnavailableException unanswered) {
      log.warn("The calendar of rep {} did not answer at confirmation ({}); booked on Escala's own data",
          rep.userId(), unanswered.getMessage());
      return false;
    }
  }

  /** The lead's sales owner first, then the rep booked least recently (round-robin), then by user id. */
  private List<RepSettings> inTurn(List<RepSettings> free, String email) {
    String owner = knownContacts.stream().map(contacts -> contacts.find(email)).flatMap(Optional::stream)
        .map(KnownContacts.KnownContact::salesOwner).filter(o -> o != null).findFirst().orElse(null);
    Map<String, Instant> lastBooked = new HashMap<>();
    jdbc.sql("SELECT user_id, last_booked_at FROM demo_rep WHERE last_booked_at IS NOT NULL")
        .query(rs -> {
          lastBooked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
    return free.stream()
        .sorted(Comparator.<RepSettings, Boolean>comparing(rep -> !rep.userId().equals(owner))
            .thenComparing(rep -> lastBooked.getOrDefault(rep.userId(), Instant.EPOCH))
            .thenComparing(RepSettings::userId))
        .toList();
  }

  private Taken taken(List<RepSettings> offered, Instant from, Instant to, Booking except,
      Map<String, List<BusyInterval>> calendarBusy) {
    Set<String> repIds = new HashSet<>();
    offered.forEach(rep -> repIds.add(rep.userId()));
    // by rep and time, so the primary keys serve and past demos' rows are never read
    Map<String, Set<Instant>> blocks = new HashMap<>();
    jdbc.sql("SELECT rep_id, block_start FROM demo_rep_block WHERE rep_id IN (:reps) AND block_start >= :from"
            + " AND block_start < :to AND booking_id <> :except")
        .param("reps", repIds).param("from", utc(from.minus(MARGIN))).param("to", utc(to.plus(MARGIN)))
        .param("except", except == null ? -1L : except.id())
        .query(rs -> {
          blocks.computeIfAbsent(rs.getString(1), r -> new HashSet<>()).add(rs.getTimestamp(2).toInstant());
        });
    Map<String, Map<LocalDate, Integer>> perDay = new HashMap<>();
    LocalDate firstDay = from.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate lastDay = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    jdbc.sql("SELECT rep_id, local_day, booked FROM demo_rep_day WHERE rep_id IN (:reps)"
            + " AND local_day BETWEEN :first AND :last")
        .param("reps", repIds).param("first", firstDay).param("last", lastDay)
        .query(rs -> {
          perDay.computeIfAbsent(rs.getString(1), r -> new HashMap<>())
              .put(rs.getObject(2, LocalDate.class), rs.getInt(3));
        });
    if (except != null) {
      offered.stream().filter(rep -> rep.userId().equals(except.repId())).findFirst().ifPresent(rep -> {
        LocalDate day = except.start().atZone(rep.timeZone()).toLocalDate();
        perDay.computeIfAbsent(rep.userId(), r -> new HashMap<>()).computeIfPresent(day, (d, n) -> n - 1);
      });
    }
    return new Taken(blocks, perDay, calendarBusy);
  }

  private static Refusal refusal(Set<Verdict> verdicts) {
    for (Verdict verdict : List.of(Verdict.PAST, Verdict.OFF_GRID, Verdict.TOO_FAR, Verdict.TAKEN,
        Verdict.CALENDAR_BUSY, Verdict.DAILY_CAP, Verdict.TOO_SOON, Verdict.OUTSIDE_HOURS)) {
      if (verdicts.contains(verdict)) {
        return switch (verdict) {
          case PAST -> Refusal.PAST;
          case OFF_GRID -> Refusal.OFF_GRID;
          case TOO_FAR -> Refusal.TOO_FAR;
          case TAKEN, CALENDAR_BUSY -> Refusal.TAKEN;
          case DAILY_CAP -> Refusal.DAILY_CAP;
          case TOO_SOON -> Refusal.TOO_SOON;
          default -> Refusal.OUTSIDE_HOURS;
        };
      }
    }
    return Refusal.OUTSIDE_HOURS;
  }

  private Optional<Booking> findByRequest(String requestId) {
    return jdbc.sql(SELECT + " WHERE request_id = ?").param(requestId).query(DemoBookings::booking).optional();
  }

  private Optional<Booking> lockedBooking(String bookingKey) {
    return jdbc.sql(SELECT + " WHERE booking_key = ? FOR UPDATE").param(bookingKey).query(DemoBookings::booking)
        .optional();
  }

  private static final String SELECT = "SELECT id, booking_key, rep_id, lead_key, email, name, company, phone,"
      + " language, time_zone, starts_at, ends_at, status, sequence, meeting_url, rebooks_key, rebooking_stopped_at"
      + " FROM demo_booking";

  private static Booking booking(ResultSet rs, int row) throws SQLException {
    Timestamp stopped = rs.getTimestamp(17);
    return new Booking(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), Locale.forLanguageTag(rs.getString(9)),
        ZoneId.of(rs.getString(10)), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
        Status.valueOf(rs.getString(13)), rs.getInt(14), rs.getString(15), rs.getString(16),
        stopped == null ? null : stopped.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String newKey() {
    char[] key = new char[10];
    for (int i = 0; i < key.length; i++) {
      key[i] = KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)];
    }
    return new String(key);
  }
}
