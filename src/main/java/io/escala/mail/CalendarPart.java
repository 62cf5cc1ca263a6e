package io.escala.mail;

import java.util.Locale;
import java.util.Set;

/**
 * An iCalendar invite an e-mail carries (e.g. from {@code io.escala.calendar.CalendarInvites}): sent as the
 * {@code text/calendar} alternative that mail clients show as an invitation, and as an {@code invite.ics} attachment.
 *
 * @param method the iTIP method (RFC 5546) of the ics, {@code REQUEST}, {@code CANCEL} or {@code PUBLISH}; it must
 *     equal the ics's METHOD, as clients read it from the MIME header
 * @param ics the whole VCALENDAR, CRLF line endings
 */
public record CalendarPart(String method, String ics) {

  static final Set<String> METHODS = Set.of("REQUEST", "CANCEL", "PUBLISH");

  public CalendarPart {
    method = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("a calendar part's method is REQUEST, CANCEL or PUBLISH, not " + method);
    }
    if (ics == null || !ics.startsWith("BEGIN:VCALENDAR")) {
      throw new IllegalArgumentException("a calendar part needs a VCALENDAR");
    }
    if (!ics.contains("\nMETHOD:" + method + "\r")) {
      throw new IllegalArgumentException("the calendar part's METHOD is not " + method);
    }
  }
}
