package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.escala.calendar.BusyInterval;
import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarRef;
import io.escala.calendar.CalendarUnavailableException;
import io.escala.calendar.StaffCalendar;
import io.escala.demos.DemoBookings.Actor;
import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.demos.DemoBookings.Refusal;
import io.escala.demos.DemoBookings.Refused;
import io.escala.demos.RepSettings.Hours;
import io.escala.platform.CaseMessages;
import io.escala.platform.KnownContacts;
import io.escala.platform.KnownContacts.KnownContact;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * DemoBookings against a real database, run on H2 and PostgreSQL: what a booking, a change and a cancellation write,
 * and that of parallel bookings the database lets exactly the right number through.
 */
abstract class DemoBookingsStorageScenarios {

  private static final ZoneId MEXICO = ZoneId.of("America/Mexico_City"); // UTC-6 all year
  /** Monday 2 June 2025, 06:00 in Mexico City. */
  private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");
  /** Tuesday 3 June, 10:00 in Mexico City: past the default 4 hours' notice, within the default 9 to 17. */
  private static final Instant TUESDAY_TEN = Instant.parse("2025-06-03T16:00:00Z");
  private static final LocalDate TUESDAY = LocalDate.of(2025, 6, 3);

  private final MigratedTestDatabase database = database();
  private final MutableClock clock = new MutableClock(NOW);
  // unique per test: the PostgreSQL database is shared by the whole test JVM
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String ana = "ana-" + suffix;
  private final String bruno = "bruno-" + suffix;
  private final List<String> members = new CopyOnWriteArrayList<>();
  private final Map<String, KnownContact> contacts = new ConcurrentHashMap<>();
  private final FakeStaffCalendar calendar = new FakeStaffCalendar();
  private final RuntimeService runtime = mock(RuntimeService.class);
  private final CaseMessages caseMessages = mock(CaseMessages.class);
  private final DemoProperties properties = new DemoProperties("sales", Locale.forLanguageTag("es"),
      Duration.ofMinutes(15), Duration.ofDays(30), List.of(Duration.ofHours(24)), "https://meet.jit.si/",
      Duration.ZERO, List.of(Duration.ofDays(1)), Duration.ofDays(1), Duration.ofDays(45),
      new DemoProperties.Defaults(MEXICO, 30, 10, 10, 240, 6, LocalTime.of(9, 0), LocalTime.of(17, 0)));
  private final DemoReps reps = new DemoReps(database.jdbc, identityService(), properties, clock);
  private final DemoBookings bookings = transactional(new DemoBookings(database.jdbc, reps,
      new RepBusyTimes(calendar, clock, Duration.ofMinutes(1), Duration.ofSeconds(4)), runtime, caseMessages,
      knownContacts(), properties, clock, database.transactionManager));

  abstract MigratedTestDatabase database();

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  // --- booking -----------------------------------------------------------------------------------------------------

  @Test
  void aFreeSlotIsBookedWithItsBlocksItsDayAndItsCase() {
    members.add(ana);

    Booking booking = booked(bookings.book(request(TUESDAY_TEN, email("lead"))));

    assertThat(booking.repId()).isEqualTo(ana);
    assertThat(booking.start()).isEqualTo(TUESDAY_TEN);
    assertThat(booking.end()).isEqualTo(TUESDAY_TEN.plus(Duration.ofMinutes(30)));
    assertThat(booking.status()).isEqualTo(Booking.Status.BOOKED);
    assertThat(booking.sequence()).isZero();
    assertThat(booking.meetingUrl()).startsWith("https://meet.jit.si/Escala-Demo-");
    assertThat(bookings.find(booking.key())).contains(booking);
    assertThat(blocksOf(booking)).hasSize(10).first().isEqualTo(TUESDAY_TEN.minus(Duration.ofMinutes(10)));
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(1);
    verify(runtime).startProcessInstanceByKey(DemoBookings.PROCESS_KEY, booking.key(), Map.of("rep", ana));
    verify(caseMessages, never()).send(anyString(), anyString(), anyMap());
  }

  @Test
  void theSameFormSentTwiceBooksOnce() {
    members.add(ana);
    NewBooking request = request(TUESDAY_TEN, email("lead"));

    Outcome first = bookings.book(request);
    Outcome second = bookings.book(request);

    assertThat(second).isEqualTo(new Booked(booked(first), true));
    assertThat(bookingsOf(request.email())).isEqualTo(1);
    verify(runtime, times(1)).startProcessInstanceByKey(anyString(), anyString(), anyMap());
  }

  @Test
  void aSlotInThePastIsRefusedAndNothingWritten() {
    assertRefusedWithoutTrace(NOW.minus(Duration.ofHours(1)), Refusal.PAST);
  }

  @Test
  void aStartOffTheGridIsRefusedAndNothingWritten() {
    assertRefusedWithoutTrace(TUESDAY_TEN.plus(Duration.ofMinutes(5)), Refusal.OFF_GRID);
  }

  @Test
  void aStartOutsideTheRepsHoursIsRefusedAndNothingWritten() {
    assertRefusedWithoutTrace(Instant.parse("2025-06-03T23:00:00Z"), Refusal.OUTSIDE_HOURS); // 17:00 there
    assertRefusedWithoutTrace(Instant.parse("2025-06-07T16:00:00Z"), Refusal.OUTSIDE_HOURS); // a Saturday
  }

  @Test
  void aStartWithinTheNoticeIsRefusedAndNothingWritten() {
    assertRefusedWithoutTrace(Instant.parse("2025-06-02T15:00:00Z"), Refusal.TOO_SOON); // today 9:00, in 3 hours
  }

  @Test
  void aStartBeyondTheHorizonIsRefusedAndNothingWritten() {
    assertRefusedWithoutTrace(TUESDAY_TEN.plus(Duration.ofDays(30)), Refusal.TOO_FAR);
  }

  @Test
  void aStartBeyondTheDailyCapIsRefusedAndNothingWritten() {
    members.add(ana);
    reps.save(settings(ana, 1, null, weekdays(9, 17)));
    booked(bookings.book(request(TUESDAY_TEN, email("first"))));

    Outcome second = bookings.book(request(TUESDAY_TEN.plus(Duration.ofHours(2)), email("second")));

    assertThat(second).isEqualTo(new Refused(Refusal.DAILY_CAP));
    assertThat(bookingsOf(email("second"))).isZero();
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(1);
    verify(runtime, times(1)).startProcessInstanceByKey(anyString(), anyString(), anyMap());
  }

  @Test
  void withoutRepsNothingCanBeBooked() {
    assertThat(bookings.book(request(TUESDAY_TEN, email("lead")))).isEqualTo(new Refused(Refusal.NO_REPS));
  }

  // --- who gets it ---------------------------------------------------------------------------------------------------

  @Test
  void anOverlappingBookingOfTheOnlyRepIsTaken() {
    members.add(ana);
    Booking first = booked(bookings.book(request(TUESDAY_TEN, email("first"))));

    Outcome overlapping = bookings.book(request(TUESDAY_TEN.plus(Duration.ofMinutes(15)), email("second")));

    assertThat(overlapping).isEqualTo(new Refused(Refusal.TAKEN));
    assertThat(bookingsOf(email("second"))).isZero();
    assertThat(blocksOf(first)).hasSize(10);
  }

  @Test
  void theSameSlotGoesToTheSecondRepWhenTheFirstHasIt() {
    members.addAll(List.of(ana, bruno));

    Booking first = booked(bookings.book(request(TUESDAY_TEN, email("first"))));
    Booking second = booked(bookings.book(request(TUESDAY_TEN, email("second"))));
    Outcome third = bookings.book(request(TUESDAY_TEN, email("third")));

    assertThat(List.of(first.repId(), second.repId())).containsExactlyInAnyOrder(ana, bruno);
    assertThat(third).isEqualTo(new Refused(Refusal.TAKEN));
  }

  @Test
  void theRepBookedLeastRecentlyGoesFirst() {
    members.addAll(List.of(bruno, ana)); // reps on the defaults: they never saved settings

    List<String> turns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(1));
      turns.add(booked(bookings.book(request(TUESDAY_TEN.plus(Duration.ofHours(i)), email("lead" + i)))).repId());
    }

    assertThat(turns).containsExactly(ana, bruno, ana, bruno);
  }

  @Test
  void theLeadsSalesOwnerGoesFirstWhenFree() {
    members.addAll(List.of(ana, bruno));
    String lead = email("owned");
    contacts.put(lead, new KnownContact(lead, "Lia", "Acme", bruno, false, false));

    assertThat(booked(bookings.book(request(TUESDAY_TEN, lead))).repId()).isEqualTo(bruno);
    // the owner is taken at that time now: the other rep gets the owner's lead
    NewBooking sameTimeAgain = request(TUESDAY_TEN, lead);
    assertThat(booked(bookings.book(sameTimeAgain)).repId()).isEqualTo(ana);
  }

  // --- the rep's own calendar at confirmation --------------------------------------------------------------------

  @Test
  void aMeetingInTheRepsCalendarAtConfirmationSendsTheBookingToTheOtherRep() {
    members.addAll(List.of(ana, bruno));
    reps.save(settings(ana, 6, "calendar-of-ana", weekdays(9, 17)));
    calendar.busy.put(ana, List.of(new BusyInterval(TUESDAY_TEN.plus(Duration.ofMinutes(35)),
        TUESDAY_TEN.plus(Duration.ofMinutes(60))))); // reaches ana's 10 minutes after the demo

    assertThat(booked(bookings.book(request(TUESDAY_TEN, email("first")))).repId()).isEqualTo(bruno);
    assertThat(bookings.book(request(TUESDAY_TEN, email("second")))).isEqualTo(new Refused(Refusal.TAKEN));
    assertThat(bookingsOf(email("second"))).isZero();
    assertThat(bookedOn(ana, TUESDAY)).isZero();
  }

  @Test
  void aCalendarThatDoesNotAnswerAtConfirmationDoesNotStopTheBooking() {
    members.add(ana);
    reps.save(settings(ana, 6, "calendar-of-ana", weekdays(9, 17)));
    calendar.unavailable = true;

    assertThat(booked(bookings.book(request(TUESDAY_TEN, email("lead")))).repId()).isEqualTo(ana);
    assertThat(calendar.asked).isPositive();
  }

  // --- reschedule and cancel ---------------------------------------------------------------------------------------

  @Test
  void reschedulingToAnotherDayMovesTheBlocksAndTheDayAndRaisesTheSequence() {
    members.add(ana);
    Booking booking = booked(bookings.book(request(TUESDAY_TEN, email("lead"))));
    Instant wednesdayEleven = Instant.parse("2025-06-04T17:00:00Z");

    Booking moved = booked(bookings.reschedule(booking.key(), wednesdayEleven, Actor.LEAD));

    assertThat(moved.start()).isEqualTo(wednesdayEleven);
    assertThat(moved.end()).isEqualTo(wednesdayEleven.plus(Duration.ofMinutes(30)));
    assertThat(moved.sequence()).isEqualTo(1);
    assertThat(blocksOf(moved)).hasSize(10).first().isEqualTo(wednesdayEleven.minus(Duration.ofMinutes(10)));
    assertThat(bookedOn(ana, TUESDAY)).isZero();
    assertThat(bookedOn(ana, TUESDAY.plusDays(1))).isEqualTo(1);
    verify(caseMessages).send(DemoBookings.DEMO_RESCHEDULED, booking.key());
    // the old time is free again
    assertThat(booked(bookings.book(request(TUESDAY_TEN, email("other")))).repId()).isEqualTo(ana);
  }

  @Test
  void reschedulingByAQuarterOverlapsOnlyTheBookingsOwnTime() {
    members.add(ana);
    Booking booking = booked(bookings.book(request(TUESDAY_TEN, email("lead"))));

    Booking moved = booked(bookings.reschedule(booking.key(), TUESDAY_TEN.plus(Duration.ofMinutes(15)), Actor.REP));

    assertThat(blocksOf(moved)).first().isEqualTo(TUESDAY_TEN.plus(Duration.ofMinutes(5)));
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(1);
  }

  @Test
  void reschedulingOntoATakenSlotChangesNothing() {
    members.add(ana);
    Booking first = booked(bookings.book(request(TUESDAY_TEN, email("first"))));
    Booking second = booked(bookings.book(request(TUESDAY_TEN.plus(Duration.ofHours(2)), email("second"))));

    Outcome outcome = bookings.reschedule(second.key(), TUESDAY_TEN.plus(Duration.ofMinutes(30)), Actor.LEAD);

    assertThat(outcome).isEqualTo(new Refused(Refusal.TAKEN));
    assertThat(bookings.find(second.key())).contains(second);
    assertThat(blocksOf(second)).isEqualTo(BookingBlocks.of(settings(ana, 6, null, weekdays(9, 17)),
        second.start(), second.end()));
    assertThat(blocksOf(first)).hasSize(10);
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(2);
    verify(caseMessages, never()).send(eq(DemoBookings.DEMO_RESCHEDULED), anyString());
  }

  @Test
  void cancellingFreesTheBlocksAndTheDayOnce() {
    members.add(ana);
    Booking booking = booked(bookings.book(request(TUESDAY_TEN, email("lead"))));

    assertThat(bookings.cancel(booking.key(), Actor.LEAD)).isTrue();
    assertThat(bookings.cancel(booking.key(), Actor.LEAD)).isFalse();

    Booking cancelled = bookings.find(booking.key()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(Booking.Status.CANCELLED);
    assertThat(cancelled.sequence()).isEqualTo(1);
    assertThat(blocksOf(booking)).isEmpty();
    assertThat(bookedOn(ana, TUESDAY)).isZero();
    verify(caseMessages, times(1)).send(DemoBookings.DEMO_CANCELLED, booking.key());
    assertThat(bookings.reschedule(booking.key(), TUESDAY_TEN.plus(Duration.ofHours(1)), Actor.LEAD))
        .isEqualTo(new Refused(Refusal.NOT_CHANGEABLE));
    assertThat(booked(bookings.book(request(TUESDAY_TEN, email("next")))).repId()).isEqualTo(ana);
  }

  // --- the cases it joins -------------------------------------------------------------------------------------------

  @Test
  void aBookingFromALeadLinkTellsTheLeadsCase() {
    members.add(ana);
    String leadKey = email("lead");

    booked(bookings.book(new NewBooking(UUID.randomUUID().toString(), TUESDAY_TEN, leadKey, "Lia", "Acme", null,
        Locale.forLanguageTag("pt-BR"), ZoneId.of("America/Sao_Paulo"), leadKey, null)));

    verify(caseMessages).send(DemoBookings.DEMO_BOOKED, leadKey, Map.of("demoStartsAt", TUESDAY_TEN.toString()));
  }

  @Test
  void bookingAgainAfterANoShowTellsTheMissedDemosCase() {
    members.add(ana);
    String lead = email("lead");
    Booking missed = booked(bookings.book(request(TUESDAY_TEN, lead)));
    clock.advance(Duration.ofDays(2));
    bookings.recordOutcome(missed.key(), false);

    Booking again = booked(bookings.book(new NewBooking(UUID.randomUUID().toString(), TUESDAY_TEN.plusSeconds(7 * 86400),
        lead, "Lia", null, null, Locale.forLanguageTag("es"), MEXICO, null, missed.key())));

    assertThat(again.rebooksKey()).isEqualTo(missed.key());
    verify(caseMessages).send(DemoBookings.DEMO_REBOOKED, missed.key());
    assertThat(bookings.rebookingOver(bookings.find(missed.key()).orElseThrow())).isTrue();
  }

  // --- the slot list agrees with booking ---------------------------------------------------------------------------

  @Test
  void theSlotListLeavesOutWhatIsBookedWithItsBuffers() {
    members.add(ana);
    booked(bookings.book(request(TUESDAY_TEN, email("lead"))));

    List<Instant> starts = bookings.slots(TUESDAY_TEN.minus(Duration.ofHours(1)), TUESDAY_TEN.plus(Duration.ofHours(2)))
        .starts();

    assertThat(starts).containsExactly(Instant.parse("2025-06-03T15:00:00Z"), Instant.parse("2025-06-03T17:00:00Z"),
        Instant.parse("2025-06-03T17:15:00Z"), Instant.parse("2025-06-03T17:30:00Z"),
        Instant.parse("2025-06-03T17:45:00Z"));
  }

  @Test
  void theLastSlotOfAWindowSeesALongDemoBookedJustAfterIt() {
    // a 4-hour demo with 2 hours after holds 6 hours past its start: the list must look that far past the window
    members.add(ana);
    reps.save(new RepSettings(ana, ZoneId.of("UTC"), 240, 0, 120, 0, 6, null, null, true,
        Map.of(DayOfWeek.TUESDAY, List.of(new Hours(LocalTime.of(0, 0), LocalTime.of(23, 55))))));
    Instant later = Instant.parse("2025-06-03T15:45:00Z");
    booked(bookings.book(request(later, email("later"))));
    Instant windowEnd = Instant.parse("2025-06-03T10:15:00Z");

    List<Instant> starts = bookings.slots(windowEnd.minus(Duration.ofHours(1)), windowEnd).starts();

    assertThat(starts).doesNotContain(Instant.parse("2025-06-03T10:00:00Z"));
    assertThat(bookings.book(request(Instant.parse("2025-06-03T10:00:00Z"), email("lead"))))
        .isEqualTo(new Refused(Refusal.TAKEN));
  }

  @Test
  void theFirstSlotOfAWindowSeesAMeetingJustBeforeIt() {
    members.add(ana);
    reps.save(settings(ana, 6, "calendar-of-ana", weekdays(9, 17)));
    calendar.busy.put(ana, List.of(new BusyInterval(TUESDAY_TEN.minus(Duration.ofMinutes(30)),
        TUESDAY_TEN.minus(Duration.ofMinutes(5)))));

    assertThat(bookings.slots(TUESDAY_TEN, TUESDAY_TEN.plus(Duration.ofHours(1))).starts())
        .doesNotContain(TUESDAY_TEN).contains(TUESDAY_TEN.plus(Duration.ofMinutes(15)));
  }

  // --- what the database guarantees on its own ----------------------------------------------------------------------

  @Test
  void ofFiftyParallelBookingsOfOneSlotExactlyOneIsMade() throws Exception {
    members.add(ana);
    reps.save(settings(ana, 6, "calendar-of-ana", weekdays(9, 17)));
    int threads = 50;
    // every booking waits at its calendar check, after the service's own checks found the slot free: what follows
    // is decided by the database alone
    calendar.gate = new CyclicBarrier(threads);

    List<Outcome> outcomes = inParallel(threads, i -> request(TUESDAY_TEN, email("lead" + i)));

    assertThat(outcomes.stream().filter(Booked.class::isInstance)).hasSize(1);
    assertThat(outcomes.stream().filter(new Refused(Refusal.TAKEN)::equals)).hasSize(threads - 1);
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE rep_id = ?").param(ana)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM demo_rep_block WHERE rep_id = ?").param(ana)
        .query(Long.class).single()).isEqualTo(10);
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(1);
    verify(runtime, times(1)).startProcessInstanceByKey(anyString(), anyString(), anyMap());
  }

  @Test
  void ofTwentyParallelBookingsOfDifferentSlotsOnlyTheDailyCapIsMade() throws Exception {
    members.add(ana);
    Map<DayOfWeek, List<Hours>> longTuesday = Map.of(DayOfWeek.TUESDAY,
        List.of(new Hours(LocalTime.of(1, 0), LocalTime.of(23, 0))));
    reps.save(new RepSettings(ana, MEXICO, 30, 10, 10, 0, 3, null, "calendar-of-ana", true, longTuesday));
    int threads = 20;
    calendar.gate = new CyclicBarrier(threads);

    // hourly from 2:00: slots that do not overlap, so only the cap stops them
    Instant twoAm = Instant.parse("2025-06-03T08:00:00Z");
    List<Outcome> outcomes = inParallel(threads, i -> request(twoAm.plus(Duration.ofHours(i)), email("lead" + i)));

    assertThat(outcomes.stream().filter(Booked.class::isInstance)).hasSize(3);
    assertThat(outcomes.stream().filter(Refused.class::isInstance)).hasSize(threads - 3);
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE rep_id = ?").param(ana)
        .query(Long.class).single()).isEqualTo(3);
    assertThat(bookedOn(ana, TUESDAY)).isEqualTo(3);
  }

  // -----------------------------------------------------------------------------------------------------------------

  private void assertRefusedWithoutTrace(Instant start, Refusal reason) {
    members.add(ana);
    NewBooking request = request(start, email("refused"));

    assertThat(bookings.book(request)).isEqualTo(new Refused(reason));

    assertThat(bookingsOf(request.email())).isZero();
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM demo_rep_block WHERE rep_id = ?").param(ana)
        .query(Long.class).single()).isZero();
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM demo_rep_day WHERE rep_id = ? AND booked > 0").param(ana)
        .query(Long.class).single()).isZero();
    verify(runtime, never()).startProcessInstanceByKey(anyString(), anyString(), anyMap());
    verify(caseMessages, never()).send(anyString(), anyString(), any());
  }

  private List<Outcome> inParallel(int threads, java.util.function.IntFunction<NewBooking> requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        NewBooking request = requests.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          return bookings.book(request);
        }));
      }
      start.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(60, TimeUnit.SECONDS)); // an exception escaping book() fails the test here
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private Booking booked(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Booked.class);
    return ((Booked) outcome).booking();
  }

  private List<Instant> blocksOf(Booking booking) {
    return database.jdbc.sql("SELECT block_start FROM demo_rep_block WHERE booking_id = ? ORDER BY block_start")
        .param(booking.id()).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
  }

  private int bookedOn(String repId, LocalDate day) {
    return database.jdbc.sql("SELECT booked FROM demo_rep_day WHERE rep_id = ? AND local_day = ?").params(repId, day)
        .query(Integer.class).optional().orElse(0);
  }

  private long bookingsOf(String email) {
    return database.jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE email = ?").param(email).query(Long.class)
        .single();
  }

  private String email(String name) {
    return name + "+" + suffix + "@example.com";
  }

  private static NewBooking request(Instant start, String email) {
    return new NewBooking(UUID.randomUUID().toString(), start, email, "Lia Cliente", "Acme", "+5255000000",
        Locale.forLanguageTag("es"), MEXICO, null, null);
  }

  private static RepSettings settings(String repId, int maxPerDay, String calendarId,
      Map<DayOfWeek, List<Hours>> hours) {
    return new RepSettings(repId, MEXICO, 30, 10, 10, 240, maxPerDay, null, calendarId, true, hours);
  }

  private static Map<DayOfWeek, List<Hours>> weekdays(int fromHour, int toHour) {
    Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
        DayOfWeek.FRIDAY)) {
      week.put(day, List.of(new Hours(LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0))));
    }
    return week;
  }

  /** The group's members come from {@link #members}; the rest of the engine is not needed. */
  private IdentityService identityService() {
    IdentityService identity = mock(IdentityService.class);
    UserQuery query = mock(UserQuery.class, RETURNS_SELF);
    when(query.list()).thenAnswer(call -> members.stream().<User>map(UserEntity::new).toList());
    when(identity.createUserQuery()).thenAnswer(call -> query);
    return identity;
  }

  private org.springframework.beans.factory.ObjectProvider<KnownContacts> knownContacts() {
    KnownContacts known = email -> Optional.ofNullable(contacts.get(email));
    return new StaticListableBeanFactory(Map.of("knownContacts", known)).getBeanProvider(KnownContacts.class);
  }

  /** The service behind the same transaction advice the application puts around it. */
  private DemoBookings transactional(DemoBookings target) {
    ProxyFactory proxy = new ProxyFactory(target);
    proxy.setProxyTargetClass(true);
    proxy.addAdvice(new TransactionInterceptor(database.transactionManager, new AnnotationTransactionAttributeSource()));
    return (DemoBookings) proxy.getProxy();
  }

  /** A rep's calendar: busy time per rep, or no answer at all; {@link #gate} holds callers until all arrived. */
  private static final class FakeStaffCalendar implements StaffCalendar {

    final Map<String, List<BusyInterval>> busy = new ConcurrentHashMap<>();
    volatile boolean unavailable;
    volatile CyclicBarrier gate;
    volatile int asked;

    @Override
    public String provider() {
      return "fake";
    }

    @Override
    public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
      asked++;
      if (gate != null) {
        try {
          gate.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("not every booking reached the calendar check", e);
        }
      }
      if (unavailable) {
        throw new CalendarUnavailableException("connect timed out");
      }
      return busy.getOrDefault(calendar.userId(), List.of()).stream().filter(b -> b.overlaps(from, to)).toList();
    }

    @Override
    public void put(CalendarRef calendar, CalendarEvent event) {
      throw new UnsupportedOperationException("booking does not write to the calendar");
    }

    @Override
    public void remove(CalendarRef calendar, String uid) {
      throw new UnsupportedOperationException("booking does not write to the calendar");
    }
  }
}
