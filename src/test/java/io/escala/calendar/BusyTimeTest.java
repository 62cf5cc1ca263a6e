package io.escala.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Test;

class BusyTimeTest {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private static List<BusyInterval> busy(String from, String to, String... events) throws Exception {
    String ics = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + String.join("\n", events)
        + "\nEND:VCALENDAR\n").replace("\n", "\r\n");
    return BusyTime.in(new CalendarBuilder().build(new StringReader(ics)), Instant.parse(from), Instant.parse(to),
        SAO_PAULO);
  }

  private static BusyInterval interval(String start, String end) {
    return new BusyInterval(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void an_all_day_event_blocks_the_day_in_the_floating_zone() throws Exception {
    assertThat(busy("2030-03-11T00:00:00Z", "2030-03-13T00:00:00Z", """
        BEGIN:VEVENT
        UID:holiday
        DTSTAMP:20300101T000000Z
        DTSTART;VALUE=DATE:20300312
        DTEND;VALUE=DATE:20300313
        END:VEVENT"""))
        .containsExactly(interval("2030-03-12T03:00:00Z", "2030-03-13T03:00:00Z"));
  }

  @Test
  void a_floating_time_is_read_in_the_floating_zone() throws Exception {
    assertThat(busy("2030-03-11T00:00:00Z", "2030-03-12T00:00:00Z", """
        BEGIN:VEVENT
        UID:floating
        DTSTAMP:20300101T000000Z
        DTSTART:20300311T090000
        DURATION:PT1H30M
        END:VEVENT"""))
        .containsExactly(interval("2030-03-11T12:00:00Z", "2030-03-11T13:30:00Z"));
  }

  @Test
  void an_overridden_occurrence_replaces_the_one_it_names_and_a_cancelled_one_frees_its_slot() throws Exception {
    String master = """
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20300101T000000Z
        DTSTART:20300304T150000Z
        DTEND:20300304T160000Z
        RRULE:FREQ=WEEKLY;COUNT=4
        END:VEVENT""";
    String moved = """
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20300101T000000Z
        RECURRENCE-ID:20300311T150000Z
        DTSTART:20300311T180000Z
        DTEND:20300311T190000Z
        END:VEVENT""";
    String cancelled = """
        BEGIN:VEVENT
        UID:weekly
        DTSTAMP:20300101T000000Z
        RECURRENCE-ID:20300318T150000Z
        DTSTART:20300318T150000Z
        DTEND:20300318T160000Z
        STATUS:CANCELLED
        END:VEVENT""";

    assertThat(busy("2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", master, moved, cancelled))
        .containsExactly(
            interval("2030-03-04T15:00:00Z", "2030-03-04T16:00:00Z"),
            interval("2030-03-11T18:00:00Z", "2030-03-11T19:00:00Z"),
            interval("2030-03-25T15:00:00Z", "2030-03-25T16:00:00Z"));
  }

  @Test
  void an_event_overlapping_the_window_edge_counts_whole() throws Exception {
    assertThat(busy("2030-03-11T12:30:00Z", "2030-03-11T14:00:00Z", """
        BEGIN:VEVENT
        UID:edge
        DTSTAMP:20300101T000000Z
        DTSTART:20300311T120000Z
        DTEND:20300311T130000Z
        END:VEVENT"""))
        .containsExactly(interval("2030-03-11T12:00:00Z", "2030-03-11T13:00:00Z"));
  }
}
