package io.escala.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

class CalendarInvitesTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final String CUSTOMER_TEXT = "Ñandú; São Paulo, 10h\nsegunda linha \\ com barra";

  private final CalendarInvites invites = new CalendarInvites(Clock.fixed(NOW, ZoneOffset.UTC));

  private static CalendarEvent event(int sequence) {
    return new CalendarEvent(
        "booking-42@escala.example",
        sequence,
        Instant.parse("2025-03-10T12:00:00Z"),
        Instant.parse("2025-03-10T12:30:00Z"),
        "Demo: " + CUSTOMER_TEXT,
        CUSTOMER_TEXT,
        "https://meet.example.com/abc-defg-hij",
        new CalendarEvent.Person("rep@escala.example", "Rita Rep"),
        List.of(new CalendarEvent.Person("ana@cliente.com.br", "Ana; Souza, \"Ñandú\"")));
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static VEvent onlyEvent(Calendar calendar) {
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String value(VEvent event, String property) {
    return event.getProperty(property).map(Property::getValue).orElse(null);
  }

  @Test
  void request_is_an_itip_request_in_utc_with_organizer_and_attendee_asked_to_answer() throws Exception {
    String ics = invites.request(event(0));

    assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
    assertThat(ics).contains("\r\nDTSTART:20250310T120000Z\r\n", "\r\nDTEND:20250310T123000Z\r\n",
        "\r\nDTSTAMP:20250301T120000Z\r\n");
    Calendar calendar = parse(ics);
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    assertThat(calendar.getProperty(Property.VERSION).orElseThrow().getValue()).isEqualTo("2.0");
    assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue()).contains("Escala");
    VEvent event = onlyEvent(calendar);
    assertThat(value(event, Property.UID)).isEqualTo("booking-42@escala.example");
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    assertThat(value(event, Property.LOCATION)).isEqualTo("https://meet.example.com/abc-defg-hij");
    assertThat(value(event, Property.URL)).isEqualTo("https://meet.example.com/abc-defg-hij");

    Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
    assertThat(organizer.getValue()).isEqualTo("mailto:rep@escala.example");
    assertThat(organizer.getParameter(Parameter.CN).orElseThrow().getValue()).isEqualTo("Rita Rep");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees).hasSize(1);
    Attendee lead = attendees.get(0);
    assertThat(lead.getValue()).isEqualTo("mailto:ana@cliente.com.br");
    assertThat(lead.getParameter(Parameter.ROLE).orElseThrow().getValue()).isEqualTo("REQ-PARTICIPANT");
    assertThat(lead.getParameter(Parameter.PARTSTAT).orElseThrow().getValue()).isEqualTo("NEEDS-ACTION");
    assertThat(lead.getParameter(Parameter.RSVP).orElseThrow().getValue()).isEqualTo("TRUE");
    // A double quote cannot stand in a parameter value; the rest of the name survives, quoted.
    assertThat(lead.getParameter(Parameter.CN).orElseThrow().getValue()).isEqualTo("Ana; Souza, 'Ñandú'");
  }

  @Test
  void customer_text_with_newlines_commas_semicolons_and_accents_round_trips_exactly() throws Exception {
    String ics = invites.request(event(0));

    assertThat(ics).contains("DESCRIPTION:Ñandú\\; São Paulo\\, 10h\\nsegunda linha \\\\ com barra");
    VEvent event = onlyEvent(parse(ics));
    assertThat(value(event, Property.DESCRIPTION)).isEqualTo(CUSTOMER_TEXT);
    assertThat(value(event, Property.SUMMARY)).isEqualTo("Demo: " + CUSTOMER_TEXT);
  }

  @Test
  void long_lines_are_folded() throws Exception {
    String longText = "Agenda: " + "conversación sobre automatización ".repeat(10);
    CalendarEvent base = event(0);
    CalendarEvent withLongText = new CalendarEvent(base.uid(), 0, base.start(), base.end(), base.summary(),
        longText, base.location(), base.organizer(), base.attendees());

    String ics = invites.request(withLongText);

    // ical4j folds at 75 characters (RFC 5545 asks for 75 octets; every client we target unfolds either).
    assertThat(ics.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(75));
    assertThat(ics).contains("\r\n ");
    assertThat(value(onlyEvent(parse(ics)), Property.DESCRIPTION)).isEqualTo(longText.strip());
  }

  @Test
  void cancel_carries_the_same_uid_the_given_sequence_and_status_cancelled() throws Exception {
    Calendar calendar = parse(invites.cancel(event(3)));

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
    VEvent event = onlyEvent(calendar);
    assertThat(value(event, Property.UID)).isEqualTo("booking-42@escala.example");
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
    assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:rep@escala.example");
    assertThat(value(event, Property.ATTENDEE)).isEqualTo("mailto:ana@cliente.com.br");
  }

  @Test
  void feed_publishes_one_event_each_under_the_calendar_name_without_rsvp() throws Exception {
    CalendarEvent second = new CalendarEvent("booking-43@escala.example", 1,
        Instant.parse("2025-03-11T15:00:00Z"), Instant.parse("2025-03-11T16:00:00Z"), "Demo", null, null,
        new CalendarEvent.Person("rep@escala.example", null), List.of());

    String ics = invites.feed("Demos — Rita", List.of(event(0), second));

    Calendar calendar = parse(ics);
    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("PUBLISH");
    assertThat(calendar.getProperty("X-WR-CALNAME").orElseThrow().getValue()).isEqualTo("Demos — Rita");
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).extracting(e -> value(e, Property.UID))
        .containsExactly("booking-42@escala.example", "booking-43@escala.example");
    assertThat(events).allSatisfy(e -> assertThat(e.getProperties(Property.ATTENDEE)).isEmpty());
    assertThat(ics).doesNotContain("RSVP");
  }

  @Test
  void the_stored_calendar_object_has_no_method_and_tells_scheduling_servers_not_to_invite() throws Exception {
    String ics = invites.calendarObject(event(2));

    Calendar calendar = parse(ics);
    assertThat(calendar.getProperty(Property.METHOD)).isEmpty();
    VEvent event = onlyEvent(calendar);
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("2");
    assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getParameter(Parameter.SCHEDULE_AGENT)
        .orElseThrow().getValue()).isEqualTo("CLIENT");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees).hasSize(1)
        .allSatisfy(a -> assertThat(a.getParameter(Parameter.SCHEDULE_AGENT).orElseThrow().getValue())
            .isEqualTo("CLIENT"));
  }

  @Test
  void a_location_that_is_not_a_web_link_is_kept_as_text_without_url() throws Exception {
    CalendarEvent base = event(0);
    CalendarEvent inPerson = new CalendarEvent(base.uid(), 0, base.start(), base.end(), base.summary(), null,
        "Av. Paulista, 1000; sala 3", base.organizer(), base.attendees());

    VEvent event = onlyEvent(parse(invites.request(inPerson)));

    assertThat(value(event, Property.LOCATION)).isEqualTo("Av. Paulista, 1000; sala 3");
    assertThat(event.getProperty(Property.URL)).isEmpty();
  }

  @Test
  void an_attendee_without_address_is_refused() {
    CalendarEvent base = event(0);
    CalendarEvent broken = new CalendarEvent(base.uid(), 0, base.start(), base.end(), "Demo", null, null,
        base.organizer(), List.of(new CalendarEvent.Person(" ", "Ana")));

    assertThatThrownBy(() -> invites.request(broken)).isInstanceOf(IllegalArgumentException.class);
  }
}
