package io.escala.demos;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * One demo as stored in {@code demo_booking}.
 *
 * @param key the case's business key; never in a URL (links carry signed tokens)
 * @param leadKey the lead nurturing case this booking joins; null for a direct visitor
 * @param sequence iCalendar SEQUENCE, raised on every change
 */
public record Booking(
    long id,
    String key,
    String repId,
    String leadKey,
    String email,
    String name,
    String company,
    String phone,
    Locale language,
    ZoneId timeZone,
    Instant start,
    Instant end,
    Status status,
    int sequence,
    String meetingUrl,
    String rebooksKey,
    Instant rebookingStoppedAt) {

  public enum Status { BOOKED, CANCELLED, ATTENDED, NO_SHOW }

  public boolean changeable(Instant now) {
    return status == Status.BOOKED && start.isAfter(now);
  }

  /** The case's e-mails and the invite's UID use this; stable for the life of the booking. */
  public String calendarUid(String domain) {
    return "demo-" + key + "@" + domain;
  }
}
