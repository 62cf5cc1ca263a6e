package io.escala.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.ScheduleAgent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.springframework.stereotype.Component;

/**
 * iCalendar (RFC 5545) text for {@link CalendarEvent}s: iTIP (RFC 5546) invites and cancellations to attach to an
 * e-mail, a subscribable feed, and the object a CalDAV server stores. ical4j writes it, so lines end in CRLF, long
 * lines are folded and TEXT values are escaped as Google Calendar, Outlook and Thunderbird expect.
 *
 * <p>Times are written in UTC ({@code 20250310T120000Z}): every client converts them to its reader's zone, and no
 * VTIMEZONE is needed.
 */
@Component
public class CalendarInvites {

  static final String PRODUCT_ID = "-//Escala//Escala Calendar//EN";

  private final Clock clock;

  public CalendarInvites(Clock clock) {
    this.clock = clock;
  }

  /** {@code METHOD:REQUEST}: a new or changed event; each attendee is asked to answer (RSVP). */
  public String request(CalendarEvent event) {
    VEvent vevent = event(event, ImmutableStatus.VEVENT_CONFIRMED);
    for (CalendarEvent.Person attendee : event.attendees()) {
      vevent.add(attendee(attendee)
          .add(Role.REQ_PARTICIPANT)
          .add(PartStat.NEEDS_ACTION)
          .add(Rsvp.TRUE));
    }
    return text(calendar(ImmutableMethod.REQUEST).add(vevent));
  }

  /**
   * {@code METHOD:CANCEL} of the event with this UID. The caller passes the event with its sequence raised, as
   * clients ignore a cancellation whose SEQUENCE is lower than the invite they hold.
   */
  public String cancel(CalendarEvent event) {
    VEvent vevent = event(event, ImmutableStatus.VEVENT_CANCELLED);
    for (CalendarEvent.Person attendee : event.attendees()) {
      vevent.add(attendee(attendee).add(Role.REQ_PARTICIPANT));
    }
    return text(calendar(ImmutableMethod.CANCEL).add(vevent));
  }

  /**
   * {@code METHOD:PUBLISH}: a read-only feed a calendar app subscribes to. Attendees are left out: nobody answers a
   * feed, and a feed shared with a team should not list each customer's address.
   */
  public String feed(String calendarName, List<CalendarEvent> events) {
    Calendar calendar = calendar(ImmutableMethod.PUBLISH)
        .add(new XProperty("X-WR-CALNAME", calendarName == null ? "Escala" : calendarName));
    for (CalendarEvent event : events) {
      calendar.add(event(event, ImmutableStatus.VEVENT_CONFIRMED));
    }
    return text(calendar);
  }

  /**
   * The event as a CalDAV server stores it (RFC 4791 §4.1: no METHOD). Attendees carry {@code SCHEDULE-AGENT=CLIENT}
   * (RFC 6638) so a scheduling server (Nextcloud, SOGo, iCloud) does not send its own invites next to Escala's.
   */
  String calendarObject(CalendarEvent event) {
    VEvent vevent = event(event, ImmutableStatus.VEVENT_CONFIRMED);
    if (event.organizer() != null) {
      vevent.replace(organizer(event.organizer()).add(ScheduleAgent.CLIENT));
    }
    for (CalendarEvent.Person attendee : event.attendees()) {
      vevent.add(attendee(attendee).add(Role.REQ_PARTICIPANT).add(ScheduleAgent.CLIENT));
    }
    return text(calendar(null).add(vevent));
  }

  private Calendar calendar(Method method) {
    Calendar calendar = new Calendar()
        .add(new ProdId(PRODUCT_ID))
        .add(ImmutableVersion.VERSION_2_0);
    return method == null ? calendar : calendar.add(method);
  }

  private VEvent event(CalendarEvent event, Property status) {
    VEvent vevent = new VEvent(false)
        .add(new Uid(event.uid()))
        .add(new Sequence(event.sequence()))
        .add(new DtStamp(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
        .add(new DtStart<Instant>(event.start()))
        .add(new DtEnd<Instant>(event.end()))
        .add(status);
    addText(vevent, new Summary(), event.summary());
    addText(vevent, new Description(), event.description());
    addText(vevent, new Location(), event.location());
    URI link = webLink(event.location());
    if (link != null) {
      vevent.add(new Url(link));
    }
    if (event.organizer() != null) {
      vevent.add(organizer(event.organizer()));
    }
    return vevent;
  }

  /** Stripped: a parser drops trailing white space anyway, so what is written is what every client reads. */
  private static void addText(VEvent vevent, Property property, String value) {
    if (value != null && !value.isBlank()) {
      property.setValue(value.strip());
      vevent.add(property);
    }
  }

  private static Organizer organizer(CalendarEvent.Person person) {
    return withName(new Organizer(mailto(person.email())), person.name());
  }

  private static Attendee attendee(CalendarEvent.Person person) {
    return withName(new Attendee(mailto(person.email())), person.name());
  }

  private static <P extends Property> P withName(P property, String name) {
    String cn = commonName(name);
    if (cn != null) {
      property.add(new Cn(cn));
    }
    return property;
  }

  /**
   * A parameter value cannot hold a double quote or a line break (RFC 5545 §3.2); ical4j quotes the rest (commas,
   * semicolons, colons), so those become spaces and an apostrophe.
   */
  static String commonName(String name) {
    if (name == null) {
      return null;
    }
    String cleaned = name.replace('"', '\'').replaceAll("\\p{Cntrl}+", " ").strip();
    return cleaned.isEmpty() ? null : cleaned;
  }

  private static URI mailto(String email) {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("an organizer or attendee needs an e-mail address");
    }
    try {
      return new URI("mailto", email.strip(), null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an e-mail address: " + email, e);
    }
  }

  /** The video link as URL as well: some clients show a join button for URL and only plain text for LOCATION. */
  private static URI webLink(String location) {
    if (location == null) {
      return null;
    }
    try {
      URI uri = new URI(location.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException notALink) {
      return null;
    }
  }

  private static String text(Calendar calendar) {
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (ValidationException e) {
      throw new IllegalArgumentException("not a valid iCalendar object: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
