package io.escala.calendar;

/**
 * Which calendar of which staff member.
 *
 * @param userId the Escala (Camunda) user id of its owner
 * @param calendarId the provider's id of the owner's calendar: a CalDAV collection URL, a Google calendar id (often the
 *     owner's e-mail); null or blank for the built-in calendar, or when the owner has not connected one
 */
public record CalendarRef(String userId, String calendarId) {

  public boolean connected() {
    return calendarId != null && !calendarId.isBlank();
  }
}
