package io.escala.demos;

import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarInvites;
import io.escala.platform.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A rep's private iCalendar feed of their demos, to subscribe to from any calendar app. The secret in the URL is the
 * credential (a new one revokes the old URL); cancelled demos are left out. Each event has the UID of the invites
 * ({@link DemoCalendarEvents#uid}), so a rep who also accepted the e-mail invite sees one event, not two.
 */
@RestController
class RepFeedController {

  static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=utf-8");
  /** Demos this far back stay in the feed, so the rep's calendar keeps recent history. */
  private static final Duration HISTORY = Duration.ofDays(60);
  private static final int MOST_EVENTS = 500;

  private final DemoReps reps;
  private final DemoBookings bookings;
  private final CalendarInvites invites;
  private final PublicUrl publicUrl;
  private final Clock clock;
  private final DemoCalendarEvents calendarEvents;

  RepFeedController(DemoReps reps, DemoBookings bookings, CalendarInvites invites, PublicUrl publicUrl, Clock clock,
      DemoCalendarEvents calendarEvents) {
    this.reps = reps;
    this.bookings = bookings;
    this.invites = invites;
    this.publicUrl = publicUrl;
    this.clock = clock;
    this.calendarEvents = calendarEvents;
  }

  @GetMapping("/calendar/demos/{feedToken}.ics")
  ResponseEntity<String> feed(@PathVariable String feedToken) {
    String repId = reps.repOfFeed(feedToken).orElse(null);
    if (repId == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("Not found\n");
    }
    String repName = reps.displayName(repId);
    // A rep without an e-mail address in Camunda is named by the feed's title instead.
    CalendarEvent.Person organizer = reps.email(repId).map(email -> new CalendarEvent.Person(email, repName))
        .orElse(null);
    List<CalendarEvent> events = bookings.of(repId, clock.instant().minus(HISTORY), MOST_EVENTS).stream()
        .filter(booking -> booking.status() != Booking.Status.CANCELLED)
        .map(booking -> new CalendarEvent(calendarEvents.uid(booking), booking.sequence(), booking.start(),
            booking.end(), summary(booking), "Escala: " + publicUrl.to("/staff/demos/bookings/" + booking.id()),
            booking.meetingUrl(), organizer, List.of(new CalendarEvent.Person(booking.email(), booking.name()))))
        .toList();
    return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noCache().cachePrivate())
        .body(invites.feed("Demos · " + repName, events));
  }

  private static String summary(Booking booking) {
    return "Demo: " + booking.name() + (booking.company() == null ? "" : " (" + booking.company() + ")");
  }

}
