package io.escala.calendar;

import com.google.common.hash.Hashing;
import io.escala.platform.MissingSettingException;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A staff calendar on a CalDAV server (RFC 4791): Nextcloud, Radicale, SOGo, Baïkal, iCloud, Fastmail. The
 * {@link CalendarRef#calendarId()} is the URL of the owner's calendar collection; one configured account (HTTP Basic)
 * must be allowed to read and write it.
 *
 * <p>Busy time comes from a {@code calendar-query} REPORT with a {@code time-range} filter, not from a
 * {@code free-busy-query}: that report is optional on collections and Radicale (3.1, Debian 12) does not implement it,
 * nor {@code <C:expand>}. The server returns whole objects, recurring ones unexpanded, and {@link BusyTime} expands
 * them with ical4j, which works the same on every server.
 *
 * <p>Escala's events are stored one object per UID at a name derived from the UID, so a retried {@code put} replaces
 * the same object.
 *
 * <p>Failures: no answer in time, an I/O error, 5xx, 401 and 403 throw {@link CalendarUnavailableException}; any other
 * refusal (e.g. 409 UID conflict, 412, 415) is a bug or a misconfiguration and throws {@link IllegalStateException}.
 * No message carries the password.
 */
public class CalDavCalendar implements StaffCalendar {

  public static final String PROVIDER = "caldav";

  private static final Logger log = LoggerFactory.getLogger(CalDavCalendar.class);

  private static final String DAV = "DAV:";
  private static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  private static final DateTimeFormatter UTC_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_MESSAGE_LENGTH = 300;

  private final HttpClient http;
  private final String authorization;
  private final Duration timeout;
  private final ZoneId floatingZone;
  private final CalendarInvites invites;

  /**
   * @throws MissingSettingException when the username or password is blank
   */
  public CalDavCalendar(CalendarProperties.CalDav settings, Clock clock) {
    if (settings.username() == null || settings.username().isBlank()) {
      throw new MissingSettingException("escala.calendar.caldav.username",
          "the account Escala signs in to the CalDAV server with (escala.calendar.provider is caldav)");
    }
    if (settings.password() == null || settings.password().isEmpty()) {
      throw new MissingSettingException("escala.calendar.caldav.password",
          "the password of escala.calendar.caldav.username (escala.calendar.provider is caldav)");
    }
    // No redirects: following one would send the Basic credentials to wherever the server points.
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    this.timeout = settings.timeout();
    this.floatingZone = settings.floatingZone();
    this.invites = new CalendarInvites(clock);
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** A staff member without a connected calendar has no busy time Escala could know of. */
  @Override
  public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
    if (!calendar.connected()) {
      return List.of();
    }
    URI collection = collection(calendar);
    HttpRequest request = request(collection)
        .method("REPORT", HttpRequest.BodyPublishers.ofString(eventsQuery(from, to), StandardCharsets.UTF_8))
        .header("Depth", "1")
        .header("Content-Type", "application/xml; charset=utf-8")
        .build();
    HttpResponse<String> response = send(request, "read busy time from");
    if (response.statusCode() != 207) {
      throw refused(response, "read busy time from");
    }
    List<BusyInterval> busy = new ArrayList<>();
    for (String object : calendarData(response.body(), collection)) {
      try {
        Calendar parsed = new CalendarBuilder().build(new StringReader(object));
        busy.addAll(BusyTime.in(parsed, from, to, floatingZone));
      } catch (IOException | ParserException | RuntimeException unreadable) {
        // One object another client wrote badly must not hide the rest of the calendar.
        log.warn("Skipped a calendar object of {} that ical4j cannot read: {}", safe(collection),
            unreadable.toString());
      }
    }
    busy.sort((a, b) -> a.start().compareTo(b.start()));
    return busy;
  }

  @Override
  public void put(CalendarRef calendar, CalendarEvent event) {
    if (!calendar.connected()) {
      return;
    }
    HttpRequest request = request(object(calendar, event.uid()))
        .PUT(HttpRequest.BodyPublishers.ofString(invites.calendarObject(event), StandardCharsets.UTF_8))
        .header("Content-Type", "text/calendar; charset=utf-8")
        .build();
    HttpResponse<String> response = send(request, "store an event in");
    if (response.statusCode() / 100 != 2) {
      throw refused(response, "store an event in");
    }
  }

  @Override
  public void remove(CalendarRef calendar, String uid) {
    if (!calendar.connected()) {
      return;
    }
    HttpResponse<String> response = send(request(object(calendar, uid)).DELETE().build(), "remove an event from");
    if (response.statusCode() / 100 != 2 && response.statusCode() != 404 && response.statusCode() != 410) {
      throw refused(response, "remove an event from");
    }
  }

  /**
   * The object's name in the collection: the UID where it is made of URL-safe characters, else the UID with the
   * others replaced and a hash of the whole UID, so two UIDs never share a name.
   */
  static String objectName(String uid) {
    String safe = uid.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.equals(uid) && !safe.startsWith(".")) {
      return uid + ".ics";
    }
    String hash = Hashing.sha256().hashString(uid, StandardCharsets.UTF_8).toString().substring(0, 16);
    return safe.substring(0, Math.min(safe.length(), 100)) + "-" + hash + ".ics";
  }

  private static String eventsQuery(Instant from, Instant to) {
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
          <D:prop><C:calendar-data/></D:prop>
          <C:filter>
            <C:comp-filter name="VCALENDAR">
              <C:comp-filter name="VEVENT">
                <C:time-range start="%s" end="%s"/>
              </C:comp-filter>
            </C:comp-filter>
          </C:filter>
        </C:calendar-query>
        """.formatted(UTC_DATE_TIME.format(from), UTC_DATE_TIME.format(to));
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization);
  }

  private HttpResponse<String> send(HttpRequest request, String action) {
    HttpResponse<String> response;
    try {
      response = sendOnceMore(request);
    } catch (IOException e) {
      throw new CalendarUnavailableException("Could not " + action + " the CalDAV calendar " + safe(request.uri())
          + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalendarUnavailableException("Interrupted while trying to " + action + " the CalDAV calendar "
          + safe(request.uri()), e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new CalendarUnavailableException("The CalDAV server refused Escala's credentials (HTTP " + status
          + ") to " + action + " " + safe(request.uri()) + "; check escala.calendar.caldav.username/password and"
          + " the account's rights on that calendar");
    }
    if (status >= 500) {
      throw new CalendarUnavailableException("The CalDAV server answered HTTP " + status + " when asked to "
          + action + " " + safe(request.uri()) + ": " + excerpt(response.body()));
    }
    return response;
  }

  /**
   * A kept-alive connection the server closed meanwhile (Radicale closes idle ones) fails before any answer; every
   * request here is idempotent (REPORT, PUT of the whole object, DELETE), so it is sent once more on a new one. A
   * timeout is not retried: the caller waits at most the configured timeout.
   */
  private HttpResponse<String> sendOnceMore(HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException | ConnectException e) {
      throw e;
    } catch (IOException staleConnection) {
      log.debug("CalDAV request to {} failed before an answer ({}); sending it once more", safe(request.uri()),
          staleConnection.toString());
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }

  private static RuntimeException refused(HttpResponse<String> response, String action) {
    if (response.statusCode() == 404) {
      // The owner's collection URL is wrong or was deleted: nothing Escala can read, like a calendar that is down.
      return new CalendarUnavailableException("No CalDAV calendar at " + safe(response.request().uri())
          + " (HTTP 404); check the staff member's calendar URL");
    }
    return new IllegalStateException("The CalDAV server refused to " + action + " " + safe(response.request().uri())
        + " (HTTP " + response.statusCode() + "): " + excerpt(response.body()));
  }

  private static List<String> calendarData(String multistatus, URI collection) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(multistatus)));
      NodeList responses = document.getElementsByTagNameNS(DAV, "response");
      List<String> objects = new ArrayList<>();
      for (int i = 0; i < responses.getLength(); i++) {
        NodeList data = ((Element) responses.item(i)).getElementsByTagNameNS(CALDAV, "calendar-data");
        for (int j = 0; j < data.getLength(); j++) {
          String text = data.item(j).getTextContent();
          if (text != null && !text.isBlank()) {
            objects.add(text);
          }
        }
      }
      return objects;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new CalendarUnavailableException("The CalDAV server's answer for " + safe(collection)
          + " is not a readable multistatus: " + e.getMessage(), e);
    }
  }

  private static URI collection(CalendarRef calendar) {
    String url = calendar.calendarId().strip();
    try {
      URI uri = new URI(url.endsWith("/") ? url : url + "/");
      if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("a CalDAV calendar id must be an http(s) collection URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a CalDAV calendar id must be a collection URL", e);
    }
  }

  private static URI object(CalendarRef calendar, String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("a calendar event needs a UID");
    }
    return collection(calendar).resolve(objectName(uid));
  }

  /** The URL without user info or query, which could hold a secret. */
  private static String safe(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > MAX_MESSAGE_LENGTH ? oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…" : oneLine;
  }
}
