package io.escala.demos;

import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarEvent.Person;
import io.escala.platform.PublicUrl;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A booking as a calendar event: the same UID and SEQUENCE in the lead's invite, the rep's invite, the rep's calendar
 * and the rep's feed; texts in the reader's language, the time in the text in the reader's zone (the event itself
 * carries UTC).
 */
@Component
public class DemoCalendarEvents {

  private final DemoReps reps;
  private final MessageSource messages;
  private final DemoTimes times;
  private final String uidDomain;

  DemoCalendarEvents(DemoReps reps, MessageSource messages, PublicUrl publicUrl, DemoTimes times) {
    this.reps = reps;
    this.messages = messages;
    this.times = times;
    String host = null;
    try {
      host = URI.create(publicUrl.base()).getHost();
    } catch (IllegalArgumentException ignored) {
      // an unusual public URL: the fixed domain below still gives unique UIDs
    }
    this.uidDomain = host == null || host.isBlank() ? "escala.local" : host;
  }

  public String uid(Booking booking) {
    return booking.calendarUid(uidDomain);
  }

  /** The event as the reader sees it: summary and description in their language, the time in their zone. */
  public CalendarEvent event(Booking booking, Locale reader, ZoneId readerZone) {
    String repName = reps.displayName(booking.repId());
    String who = booking.company() == null ? booking.name() : booking.name() + " (" + booking.company() + ")";
    String summary = messages.getMessage("mail.demos.event.summary", new Object[] {repName, who}, reader);
    String description = messages.getMessage("mail.demos.event.description",
        new Object[] {when(booking, reader, readerZone), booking.meetingUrl()}, reader);
    Person organizer = new Person(reps.email(booking.repId()).orElse("demos@" + uidDomain), repName);
    return new CalendarEvent(uid(booking), booking.sequence(), booking.start(), booking.end(), summary, description,
        booking.meetingUrl(), organizer, List.of(new Person(booking.email(), booking.name())));
  }

  /** "lunes, 30 de noviembre de 2026, 10:30 (GMT-6, Ciudad de México)": as the demo pages show times. */
  public String when(Booking booking, Locale reader, ZoneId zone) {
    return times.dateTime(booking.start(), zone, reader);
  }
}
