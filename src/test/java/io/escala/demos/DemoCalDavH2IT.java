package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.calendar.RadicaleServer;
import io.escala.demos.DemoBookings.Actor;
import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.demos.DemoBookings.Refused;
import io.escala.support.EscalaIntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Demo scheduling with the rep's calendar on a real CalDAV server (Radicale, started by the test): a meeting there
 * removes the slot, a conflict found only at confirmation refuses the booking, a booked demo appears there and
 * disappears on cancel.
 */
class DemoCalDavH2IT extends EscalaIntegrationTest {

  @RegisterExtension
  static final RadicaleServer radicale = new RadicaleServer();

  private static final String REP = "demo-sales";
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  @DynamicPropertySource
  static void calDav(DynamicPropertyRegistry registry) {
    registry.add("escala.calendar.provider", () -> "caldav");
    registry.add("escala.calendar.caldav.username", () -> RadicaleServer.USERNAME);
    registry.add("escala.calendar.caldav.password", () -> RadicaleServer.PASSWORD);
  }

  @Autowired DemoBookings bookings;
  @Autowired DemoReps reps;
  @Autowired RepBusyTimes busyTimes;

  private URI collection;

  @BeforeEach
  void repWithACalDavCalendar() throws Exception {
    ClockUtil.reset();
    collection = radicale.newCalendar("rep-" + UUID.randomUUID().toString().substring(0, 8));
    RepSettings defaults = reps.defaults(REP);
    reps.save(new RepSettings(REP, defaults.timeZone(), 30, 10, 10, 240, 6, null, collection.toString(), true,
        defaults.hours()));
    busyTimes.forget(REP);
  }

  @AfterEach
  void noCalendar() {
    reps.save(reps.defaults(REP));
    busyTimes.forget(REP);
  }

  private List<Instant> slotsAround(Instant start) {
    return bookings.slots(start.minus(Duration.ofHours(2)), start.plus(Duration.ofHours(2))).starts();
  }

  private void meetingInTheirCalendar(String uid, Instant start, Instant end) throws Exception {
    radicale.putObject(collection, uid + ".ics", ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Another client//EN\n"
        + "BEGIN:VEVENT\nUID:" + uid + "\nDTSTAMP:20260101T000000Z\nDTSTART:" + UTC.format(start) + "\nDTEND:"
        + UTC.format(end) + "\nSUMMARY:Reunión con un cliente\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n"));
  }

  private Outcome book(Instant start) {
    return bookings.book(new NewBooking(UUID.randomUUID().toString(), start,
        "caldav-" + UUID.randomUUID().toString().substring(0, 8) + "@lead.example", "Marta Gómez", null, null,
        Locale.forLanguageTag("es"), ZoneId.of("America/Bogota"), null, null));
  }

  private Instant aFreeStart(int index) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return bookings.slots(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(20))).starts().get(index);
  }

  /** A free start at 11:00 in the rep's zone (Mexico City), so the neighbours are inside the working day. */
  private Instant aFreeStartAtEleven() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return bookings.slots(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(20))).starts().stream()
        .filter(start -> start.atZone(ZoneId.of("America/Mexico_City")).toLocalTime()
            .equals(java.time.LocalTime.of(11, 0)))
        .findFirst().orElseThrow();
  }

  @Test
  void aMeetingInTheRepsCalendarRemovesTheSlotsItTouches() throws Exception {
    Instant start = aFreeStartAtEleven();
    assertThat(slotsAround(start)).contains(start);
    meetingInTheirCalendar("meeting-1", start, start.plus(Duration.ofMinutes(30)));
    busyTimes.forget(REP);
    List<Instant> after = slotsAround(start);
    assertThat(after).doesNotContain(start)
        // the 10-minute buffers: a demo ending at the meeting's start or starting at its end would touch it
        .doesNotContain(start.minus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(30)))
        .contains(start.plus(Duration.ofMinutes(45)));
    assertThat(bookings.slots(start.minusSeconds(1), start.plusSeconds(1)).stale()).isFalse();
  }

  @Test
  void aMeetingAddedAfterTheListWasShownIsFoundAtConfirmationAndTheBookingRefused() throws Exception {
    Instant start = aFreeStart(40);
    assertThat(slotsAround(start)).contains(start); // the list the lead saw
    meetingInTheirCalendar("late-meeting", start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(45)));
    Outcome outcome = book(start);
    assertThat(outcome).isEqualTo(new Refused(DemoBookings.Refusal.TAKEN));
  }

  @Test
  void aCalendarThatDoesNotAnswerNeitherHidesSlotsNorBlocksBookingAndThePageSaysSo() throws Exception {
    RepSettings rep = reps.find(REP).orElseThrow();
    // nothing listens on port 1: the calendar does not answer
    reps.save(new RepSettings(REP, rep.timeZone(), 30, 10, 10, 240, 6, null, "http://127.0.0.1:1/escala/rep/", true,
        rep.hours()));
    busyTimes.forget(REP);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    DemoBookings.AvailableSlots slots = bookings.slots(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(10)));
    assertThat(slots.stale()).isTrue();
    assertThat(slots.starts()).isNotEmpty();
    assertThat(http.get("/book-demo?lang=es", "es").body())
        .contains(messages.getMessage("demos.slots.stale", null, Locale.forLanguageTag("es")));
    Outcome booked = book(slots.starts().get(0));
    assertThat(booked).as("booked on Escala's own data").isInstanceOf(Booked.class);

    // the calendar answers again: the demo goes into it, and leaves it on cancel (nothing is left for other tests)
    reps.save(new RepSettings(REP, rep.timeZone(), 30, 10, 10, 240, 6, null, collection.toString(), true,
        rep.hours()));
    runDueJobs();
    assertThat(radicale.objectNames(collection)).hasSize(1);
    bookings.cancel(((Booked) booked).booking().key(), Actor.REP);
    runDueJobs();
    assertThat(radicale.objectNames(collection)).isEmpty();
  }

  @Autowired org.springframework.context.MessageSource messages;

  @Test
  void aBookedDemoAppearsInTheRepsCalendarAndDisappearsOnCancel() throws Exception {
    Outcome outcome = book(aFreeStart(60));
    assertThat(outcome).isInstanceOf(Booked.class);
    Booking booking = ((Booked) outcome).booking();
    runDueJobs();
    List<String> objects = radicale.objectNames(collection);
    assertThat(objects).hasSize(1);
    String stored = radicale.get(collection.resolve(objects.get(0))).body();
    assertThat(stored).contains("UID:demo-" + booking.key() + "@")
        .contains("DTSTART:" + UTC.format(booking.start()))
        .contains("Marta Gómez");

    assertThat(bookings.cancel(booking.key(), Actor.LEAD)).isTrue();
    runDueJobs();
    assertThat(radicale.objectNames(collection)).isEmpty();
  }
}
