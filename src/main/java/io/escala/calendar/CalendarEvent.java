package io.escala.calendar;

import java.time.Instant;
import java.util.List;

/**
 * A booked meeting as a calendar event: what the invite e-mails carry (iCalendar, {@link CalendarInvites}) and what
 * the staff member's calendar shows.
 *
 * @param uid stable for the life of the booking, e.g. {@code booking-42@escala.example}: every change and the
 *     cancellation carry the same UID
 * @param sequence 0 when booked, raised on every change (RFC 5545 SEQUENCE)
 * @param start start, an instant (invites carry it in UTC; texts show it in the reader's zone)
 * @param location the video-meeting link (also written as URL) or a place
 * @param organizer the staff member
 * @param attendees the customer (and anyone else invited)
 */
public record CalendarEvent(
    String uid,
    int sequence,
    Instant start,
    Instant end,
    String summary,
    String description,
    String location,
    Person organizer,
    List<Person> attendees) {

  public CalendarEvent {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("a calendar event needs a UID");
    }
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException("a calendar event needs start < end");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("SEQUENCE cannot be negative");
    }
    attendees = attendees == null ? List.of() : List.copyOf(attendees);
  }

  /** Someone on the invite; the name may be null. */
  public record Person(String email, String name) {}
}
