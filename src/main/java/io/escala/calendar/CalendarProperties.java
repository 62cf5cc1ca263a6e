package io.escala.calendar;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.calendar.*}: which calendar the staff's busy time is read from and Escala's bookings written to.
 *
 * @param provider {@code built-in} (no external calendar), {@code caldav} or {@code google}
 */
@ConfigurationProperties("escala.calendar")
public record CalendarProperties(
    @DefaultValue("built-in") String provider, @DefaultValue CalDav caldav, @DefaultValue Google google) {

  /**
   * One CalDAV account that may read and write the staff's calendars (each staff member's collection URL is their
   * {@link CalendarRef#calendarId()}).
   *
   * @param connectTimeout how long to wait for the TCP/TLS connection
   * @param timeout how long to wait for the whole answer, well below Camunda's job lock
   * @param floatingZone the zone of all-day events and of times without zone ("floating"), which a CalDAV object
   *     cannot place on the time line by itself
   */
  public record CalDav(
      String username,
      String password,
      @DefaultValue("PT5S") Duration connectTimeout,
      @DefaultValue("PT10S") Duration timeout,
      @DefaultValue("America/Mexico_City") ZoneId floatingZone) {

    /** The generated record toString would print the password into any log line that prints the settings. */
    @Override
    public String toString() {
      return "CalDav[username=" + username + ", password=" + masked(password) + ", connectTimeout="
          + connectTimeout + ", timeout=" + timeout + ", floatingZone=" + floatingZone + "]";
    }
  }

  /**
   * Google Calendar API through OAuth 2.0 with a refresh token.
   *
   * @param timeout connect and read timeout of every request
   */
  public record Google(
      @DefaultValue("https://www.googleapis.com") URI baseUrl,
      @DefaultValue("https://oauth2.googleapis.com/token") URI tokenUri,
      String clientId,
      String clientSecret,
      String refreshToken,
      @DefaultValue("PT10S") Duration timeout) {

    @Override
    public String toString() {
      return "Google[baseUrl=" + baseUrl + ", tokenUri=" + tokenUri + ", clientId=" + clientId + ", clientSecret="
          + masked(clientSecret) + ", refreshToken=" + masked(refreshToken) + ", timeout=" + timeout
          + "]";
    }
  }

  private static String masked(String secret) {
    return secret == null || secret.isBlank() ? "<empty>" : "****";
  }
}
