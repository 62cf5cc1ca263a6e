package io.escala.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CalDavCalendar} against a real Radicale. */
class CalDavCalendarIT {

  @RegisterExtension
  static final RadicaleServer radicale = new RadicaleServer();

  private static final String SAO_PAULO = """
      BEGIN:VTIMEZONE
      TZID:America/Sao_Paulo
      BEGIN:STANDARD
      DTSTART:19700101T000000
      TZOFFSETFROM:-0300
      TZOFFSETTO:-0300
      TZNAME:-03
      END:STANDARD
      END:VTIMEZONE
      """;

  private final CalDavCalendar calendar = calendar(RadicaleServer.PASSWORD, Duration.ofSeconds(5));

  private static CalDavCalendar calendar(String password, Duration timeout) {
    return new CalDavCalendar(new CalendarProperties.CalDav(RadicaleServer.USERNAME, password,
        Duration.ofSeconds(2), timeout, ZoneId.of("America/Sao_Paulo")), Clock.systemUTC());
  }

  private static String object(String... lines) {
    return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Another client//EN\n" + SAO_PAULO + String.join("\n", lines)
        + "\nEND:VCALENDAR\n").replace("\n", "\r\n");
  }

  private static String event(String uid, String... lines) {
    return "BEGIN:VEVENT\nUID:" + uid + "\nDTSTAMP:20300101T000000Z\n" + String.join("\n", lines) + "\nEND:VEVENT";
  }

  private static BusyInterval interval(String start, String end) {
    return new BusyInterval(Instant.parse(start), Instant.parse(end));
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void an_event_in_a_named_zone_is_busy_inside_the_window_and_not_outside() throws Exception {
    URI collection = radicale.newCalendar("zoned");
    radicale.putObject(collection, "meeting.ics", object(event("meeting-1",
        "DTSTART;TZID=America/Sao_Paulo:20300311T090000", "DTEND;TZID=America/Sao_Paulo:20300311T100000",
        "SUMMARY:Reunião")));
    CalendarRef ref = new CalendarRef("rita", collection.toString());

    assertThat(calendar.busy(ref, at("2030-03-11T11:00:00Z"), at("2030-03-11T18:00:00Z")))
        .containsExactly(interval("2030-03-11T12:00:00Z", "2030-03-11T13:00:00Z"));
    assertThat(calendar.busy(ref, at("2030-03-11T13:00:00Z"), at("2030-03-11T18:00:00Z"))).isEmpty();
    assertThat(calendar.busy(ref, at("2030-03-12T00:00:00Z"), at("2030-03-13T00:00:00Z"))).isEmpty();
  }

  @Test
  void transparent_and_cancelled_events_are_not_busy_while_an_opaque_one_with_a_duration_is() throws Exception {
    URI collection = radicale.newCalendar("mixed");
    radicale.putObject(collection, "free.ics", object(event("free-1",
        "DTSTART:20300312T120000Z", "DTEND:20300312T130000Z", "TRANSP:TRANSPARENT", "SUMMARY:Almoço")));
    radicale.putObject(collection, "cancelled.ics", object(event("cancelled-1",
        "DTSTART:20300312T140000Z", "DTEND:20300312T150000Z", "STATUS:CANCELLED", "SUMMARY:Cancelada")));
    radicale.putObject(collection, "busy.ics", object(event("busy-1",
        "DTSTART:20300312T160000Z", "DURATION:PT45M", "SUMMARY:Ocupado")));

    List<BusyInterval> busy = calendar.busy(new CalendarRef("rita", collection.toString()),
        at("2030-03-12T00:00:00Z"), at("2030-03-13T00:00:00Z"));

    assertThat(busy).containsExactly(interval("2030-03-12T16:00:00Z", "2030-03-12T16:45:00Z"));
  }

  @Test
  void a_weekly_event_is_busy_on_its_next_occurrence_but_not_on_an_excluded_one() throws Exception {
    URI collection = radicale.newCalendar("weekly");
    radicale.putObject(collection, "standup.ics", object(event("standup-1",
        "DTSTART;TZID=America/Sao_Paulo:20300304T080000", "DTEND;TZID=America/Sao_Paulo:20300304T083000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=America/Sao_Paulo:20300311T080000", "SUMMARY:Daily")));
    CalendarRef ref = new CalendarRef("rita", collection.toString());

    assertThat(calendar.busy(ref, at("2030-03-18T00:00:00Z"), at("2030-03-19T00:00:00Z")))
        .containsExactly(interval("2030-03-18T11:00:00Z", "2030-03-18T11:30:00Z"));
    assertThat(calendar.busy(ref, at("2030-03-11T00:00:00Z"), at("2030-03-12T00:00:00Z"))).isEmpty();
  }

  @Test
  void put_stores_one_object_per_uid_updates_it_and_remove_deletes_it() throws Exception {
    URI collection = radicale.newCalendar("escala");
    CalendarRef ref = new CalendarRef("rita", collection.toString());
    CalendarEvent booked = new CalendarEvent("booking-7@escala.example", 0, at("2030-04-01T13:00:00Z"),
        at("2030-04-01T13:30:00Z"), "Demo: Ñandú; São Paulo, 10h", "Primeira linha\nsegunda, linha",
        "https://meet.example.com/x", new CalendarEvent.Person("rita@escala.example", "Rita"),
        List.of(new CalendarEvent.Person("ana@cliente.com.br", "Ana")));

    calendar.put(ref, booked);

    URI stored = collection.resolve(CalDavCalendar.objectName(booked.uid()));
    VEvent first = storedEvent(radicale.get(stored));
    assertThat(first.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo("booking-7@escala.example");
    assertThat(first.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("0");
    assertThat(first.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20300401T130000Z");
    assertThat(first.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Demo: Ñandú; São Paulo, 10h");
    assertThat(calendar.busy(ref, at("2030-04-01T00:00:00Z"), at("2030-04-02T00:00:00Z")))
        .containsExactly(interval("2030-04-01T13:00:00Z", "2030-04-01T13:30:00Z"));

    CalendarEvent moved = new CalendarEvent(booked.uid(), 1, at("2030-04-02T15:00:00Z"), at("2030-04-02T15:30:00Z"),
        booked.summary(), booked.description(), booked.location(), booked.organizer(), booked.attendees());
    calendar.put(ref, moved);

    assertThat(radicale.objectNames(collection)).containsExactly(CalDavCalendar.objectName(booked.uid()));
    VEvent second = storedEvent(radicale.get(stored));
    assertThat(second.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
    assertThat(second.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20300402T150000Z");

    calendar.remove(ref, booked.uid());

    assertThat(radicale.get(stored).statusCode()).isEqualTo(404);
    assertThat(radicale.objectNames(collection)).isEmpty();
    calendar.remove(ref, booked.uid());
  }

  @Test
  void a_wrong_password_is_an_unavailable_calendar_whose_message_does_not_hold_the_password() throws Exception {
    URI collection = radicale.newCalendar("refused");
    String wrong = "not-the-password-" + System.nanoTime();

    assertThatThrownBy(() -> calendar(wrong, Duration.ofSeconds(5))
            .busy(new CalendarRef("rita", collection.toString()), at("2030-01-01T00:00:00Z"),
                at("2030-01-02T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining("401")
        .hasMessageNotContaining(wrong);
  }

  @Test
  void a_port_nobody_listens_on_is_an_unavailable_calendar_at_once() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CalendarRef nowhere = new CalendarRef("rita", "http://127.0.0.1:" + port + "/escala/cal/");
    long started = System.nanoTime();

    assertThatThrownBy(() -> calendar.busy(nowhere, at("2030-01-01T00:00:00Z"), at("2030-01-02T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageNotContaining(RadicaleServer.PASSWORD);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void a_server_that_never_answers_is_given_up_after_the_timeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      CalendarRef stuck = new CalendarRef("rita", "http://127.0.0.1:" + silent.getLocalPort() + "/escala/cal/");
      long started = System.nanoTime();

      assertThatThrownBy(() -> calendar(RadicaleServer.PASSWORD, Duration.ofSeconds(1))
              .put(stuck, new CalendarEvent("x-1", 0, at("2030-01-01T10:00:00Z"), at("2030-01-01T11:00:00Z"),
                  "Demo", null, null, new CalendarEvent.Person("rita@escala.example", null), List.of())))
          .isInstanceOf(CalendarUnavailableException.class)
          .hasMessageContaining("HttpTimeoutException");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
  }

  private static VEvent storedEvent(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    Calendar stored = new CalendarBuilder().build(new StringReader(response.body()));
    assertThat(stored.getProperty(Property.METHOD)).isEmpty();
    List<VEvent> events = stored.getComponents(Component.VEVENT);
    assertThat(events).hasSize(1);
    return events.get(0);
  }
}
