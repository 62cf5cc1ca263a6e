package io.escala.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escala.platform.MissingSettingException;
import io.escala.platform.NonRetryableException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rep's Google Calendar through the Calendar API v3, authorised by one OAuth 2.0 refresh token (a Workspace account
 * that may read free/busy and write events of the reps' calendars, scope {@code calendar.events} + {@code
 * calendar.freebusy}, or {@code calendar}).
 *
 * <p>Events are keyed by an event id derived from the UID (lowercase hex of its SHA-256: hex is a subset of the
 * base32hex alphabet Google allows, 64 characters), so every write is an idempotent PUT of the same event, and a
 * retried job never adds a second one. Google mails no one ({@code sendUpdates=none}): Escala sends its own invites.
 *
 * <p>The UID is not sent as {@code iCalUID}: Google's Event reference says only one of {@code id} and {@code iCalUID}
 * should be supplied when creating an event, and the id is what makes the writes idempotent.
 *
 * <p>A calendar reference that is not connected has no busy time and takes no writes: the rep has no Google calendar
 * to keep in step, and Escala's own bookings still block their slots.
 */
public class GoogleCalendar implements StaffCalendar {

  private static final Logger log = LoggerFactory.getLogger(GoogleCalendar.class);

  /** A token is renewed this long before Google says it expires, so no request goes out with a dying token. */
  static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

  private static final int MAX_MESSAGE_LENGTH = 300;

  /**
   * {@code escala.calendar.google.*}.
   *
   * @param baseUrl the Calendar API host, {@code https://www.googleapis.com}
   * @param tokenUri Google's OAuth 2.0 token endpoint
   * @param clientId the OAuth client the refresh token was issued to
   * @param clientSecret its secret
   * @param refreshToken a refresh token of the account that manages the reps' calendars
   * @param timeout connect and answer timeout of each request, well below Camunda's job lock
   */
  public record Settings(
      String baseUrl, String tokenUri, String clientId, String clientSecret, String refreshToken, Duration timeout) {

    public Settings {
      baseUrl = blank(baseUrl) ? "https://www.googleapis.com" : stripTrailingSlash(baseUrl.trim());
      tokenUri = blank(tokenUri) ? "https://oauth2.googleapis.com/token" : tokenUri.trim();
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** The generated toString would print the secret and the refresh token into any log line with the settings. */
    @Override
    public String toString() {
      return "GoogleCalendar.Settings[baseUrl=" + baseUrl + ", tokenUri=" + tokenUri + ", clientId=" + clientId
          + ", clientSecret=" + (blank(clientSecret) ? "<empty>" : "****")
          + ", refreshToken=" + (blank(refreshToken) ? "<empty>" : "****") + ", timeout=" + timeout + "]";
    }

    private static String stripTrailingSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  private record AccessToken(String value, Instant renewAt) {}

  private final Settings settings;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private AccessToken token;

  public GoogleCalendar(Settings settings, Clock clock) {
    require(settings.clientId(), "escala.calendar.google.client-id", "the OAuth client of the Google Cloud project");
    require(settings.clientSecret(), "escala.calendar.google.client-secret", "the secret of that OAuth client");
    require(settings.refreshToken(), "escala.calendar.google.refresh-token",
        "a refresh token of the account that manages the reps' calendars");
    this.settings = settings;
    this.clock = clock;
    // HTTP/1.1: the JDK client's cleartext HTTP/2 upgrade loses POST bodies against some servers (see HubSpotCrm);
    // Google serves HTTP/1.1 as well
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .build();
  }

  @Override
  public String provider() {
    return "google";
  }

  @Override
  public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
    if (!calendar.connected()) {
      return List.of();
    }
    String calendarId = calendar.calendarId().trim();
    ObjectNode query = json.createObjectNode()
        .put("timeMin", rfc3339(from))
        .put("timeMax", rfc3339(to));
    query.putArray("items").addObject().put("id", calendarId);
    HttpResponse<String> response = send(authorized(api("/calendar/v3/freeBusy"))
        .POST(jsonBody(query)).header("Content-Type", "application/json"), calendar);
    if (response.statusCode() != 200) {
      throw new CalendarUnavailableException(refusal("free/busy of " + calendar.userId(), response));
    }
    JsonNode answer = readJson(response, calendar);
    JsonNode entry = answer.path("calendars").path(calendarId);
    JsonNode errors = entry.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      List<String> reasons = new ArrayList<>();
      errors.forEach(error -> reasons.add(error.path("reason").asText("unknown")));
      throw new CalendarUnavailableException("Google Calendar gave no free/busy for the calendar of "
          + calendar.userId() + " (" + String.join(", ", reasons) + "): check the calendar id and that it is shared"
          + " with the account of escala.calendar.google.refresh-token");
    }
    if (entry.isMissingNode()) {
      throw new CalendarUnavailableException(
          "Google Calendar's free/busy answer has no entry for the calendar of " + calendar.userId());
    }
    List<BusyInterval> busy = new ArrayList<>();
    for (JsonNode interval : entry.path("busy")) {
      Instant start = OffsetDateTime.parse(interval.path("start").asText()).toInstant();
      Instant end = OffsetDateTime.parse(interval.path("end").asText()).toInstant();
      if (end.isAfter(start)) {
        busy.add(new BusyInterval(start, end));
      }
    }
    return busy;
  }

  @Override
  public void put(CalendarRef calendar, CalendarEvent event) {
    if (!calendar.connected()) {
      return;
    }
    String eventId = eventId(event.uid());
    ObjectNode body = eventBody(event);
    HttpResponse<String> updated = update(calendar, eventId, body);
    if (updated.statusCode() != 404) {
      return;
    }
    ObjectNode insert = body.deepCopy().put("id", eventId);
    HttpResponse<String> inserted = send(authorized(events(calendar, ""))
        .POST(jsonBody(insert)).header("Content-Type", "application/json"), calendar);
    if (inserted.statusCode() == 409) {
      // a concurrent attempt inserted it between our PUT and POST: it exists now, so this is an update
      update(calendar, eventId, body);
      return;
    }
    checkWrite(inserted, "add the event " + eventId + " to the calendar of " + calendar.userId());
    log.info("Event {} added to the Google calendar of {}", eventId, calendar.userId());
  }

  @Override
  public void remove(CalendarRef calendar, String uid) {
    if (!calendar.connected()) {
      return;
    }
    String eventId = eventId(uid);
    HttpResponse<String> response = send(authorized(events(calendar, "/" + eventId)).DELETE(), calendar);
    int status = response.statusCode();
    if (status == 404 || status == 410) {
      return; // never there, or deleted already
    }
    checkWrite(response, "remove the event " + eventId + " from the calendar of " + calendar.userId());
  }

  /** Google's event id for an Escala UID: lowercase hex (a subset of base32hex), 64 characters. */
  static String eventId(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("a calendar event needs a UID");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** @return the answer, or 404 when the event does not exist yet */
  private HttpResponse<String> update(CalendarRef calendar, String eventId, ObjectNode body) {
    HttpResponse<String> response = send(authorized(events(calendar, "/" + eventId))
        .PUT(jsonBody(body)).header("Content-Type", "application/json"), calendar);
    if (response.statusCode() != 404) {
      checkWrite(response, "update the event " + eventId + " in the calendar of " + calendar.userId());
    }
    return response;
  }

  private ObjectNode eventBody(CalendarEvent event) {
    ObjectNode body = json.createObjectNode();
    body.put("summary", event.summary());
    body.put("description", event.description());
    body.put("location", event.location());
    body.putObject("start").put("dateTime", rfc3339(event.start()));
    body.putObject("end").put("dateTime", rfc3339(event.end()));
    ArrayNode attendees = body.putArray("attendees");
    for (CalendarEvent.Person person : event.attendees()) {
      ObjectNode attendee = attendees.addObject().put("email", person.email());
      if (person.name() != null && !person.name().isBlank()) {
        attendee.put("displayName", person.name());
      }
    }
    body.put("sequence", event.sequence());
    body.put("status", "confirmed");
    return body;
  }

  /**
   * Writes that fail for a reason no retry fixes (the event or calendar id is invalid, the calendar is not the
   * account's to write) become incidents at once; the rest may pass on a retry.
   */
  private void checkWrite(HttpResponse<String> response, String what) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String message = refusal(what, response);
    if (retryable(status)) {
      throw new CalendarUnavailableException(message);
    }
    throw new NonRetryableException(message);
  }

  private static boolean retryable(int status) {
    return status == 401 || status == 403 || status == 408 || status == 429 || status >= 500;
  }

  private HttpResponse<String> send(HttpRequest.Builder request, CalendarRef calendar) {
    HttpResponse<String> response = exchange(request.build(), "the calendar of " + calendar.userId());
    if (response.statusCode() == 401) {
      // revoked or expired early: the next attempt asks for a new token
      forgetToken();
    }
    return response;
  }

  private HttpResponse<String> exchange(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new CalendarUnavailableException(
          "Google did not answer within " + settings.timeout().toMillis() + " ms for " + what, e);
    } catch (IOException e) {
      throw new CalendarUnavailableException("Google could not be reached for " + what + " ("
          + e.getClass().getSimpleName() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalendarUnavailableException("Interrupted while waiting for Google for " + what, e);
    }
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.timeout())
        .header("Authorization", "Bearer " + accessToken())
        .header("Accept", "application/json");
  }

  /** The cached access token, or a new one from the refresh token. */
  private synchronized String accessToken() {
    Instant now = clock.instant();
    if (token != null && now.isBefore(token.renewAt())) {
      return token.value();
    }
    String form = "grant_type=refresh_token"
        + "&client_id=" + formValue(settings.clientId())
        + "&client_secret=" + formValue(settings.clientSecret())
        + "&refresh_token=" + formValue(settings.refreshToken());
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.tokenUri()))
        .timeout(settings.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response = exchange(request, "an access token");
    if (response.statusCode() != 200) {
      throw new CalendarUnavailableException(tokenRefusal(response));
    }
    JsonNode answer = readJson(response, "the access token");
    String accessToken = answer.path("access_token").asText("");
    if (accessToken.isBlank()) {
      throw new CalendarUnavailableException("Google's token endpoint answered without an access token");
    }
    long expiresIn = answer.path("expires_in").asLong(3600);
    Instant expiry = now.plusSeconds(expiresIn);
    token = new AccessToken(accessToken, expiry.minus(TOKEN_MARGIN));
    return accessToken;
  }

  private synchronized void forgetToken() {
    token = null;
  }

  /** Names the setting to fix; never quotes the request, which holds the secret and the refresh token. */
  private String tokenRefusal(HttpResponse<String> response) {
    String error = "";
    try {
      error = json.readTree(response.body()).path("error").asText("");
    } catch (IOException notJson) {
      // the status says enough
    }
    String fix = switch (error) {
      case "invalid_grant" -> ": the refresh token is expired or revoked; set escala.calendar.google.refresh-token"
          + " to a new one";
      case "invalid_client", "unauthorized_client" -> ": the OAuth client is unknown or not allowed; check"
          + " escala.calendar.google.client-id and escala.calendar.google.client-secret";
      default -> "";
    };
    return "Google's token endpoint refused a new access token (" + response.statusCode()
        + (error.isBlank() ? "" : " " + error) + ")" + fix;
  }

  /** Google's error body is {"error":{"code":..,"message":..,"errors":[{"reason":..}]}}. */
  private String refusal(String what, HttpResponse<String> response) {
    String message = "";
    try {
      JsonNode error = json.readTree(response.body()).path("error");
      message = error.path("message").asText("");
    } catch (IOException notJson) {
      // the status says enough
    }
    if (message.isBlank()) {
      message = "no message";
    }
    String oneLine = message.replaceAll("\\s+", " ").trim();
    if (oneLine.length() > MAX_MESSAGE_LENGTH) {
      oneLine = oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }
    return "Google Calendar answered " + response.statusCode() + " to " + what + ": " + oneLine;
  }

  private JsonNode readJson(HttpResponse<String> response, Object what) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new CalendarUnavailableException("Google answered " + what + " with something that is not JSON", e);
    }
  }

  private URI api(String path) {
    return URI.create(settings.baseUrl() + path);
  }

  private URI events(CalendarRef calendar, String eventPath) {
    return api("/calendar/v3/calendars/" + pathSegment(calendar.calendarId().trim()) + "/events" + eventPath
        + "?sendUpdates=none");
  }

  private HttpRequest.BodyPublisher jsonBody(JsonNode body) {
    try {
      return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("an event could not be written as JSON", e);
    }
  }

  private static String rfc3339(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A calendar id is often an e-mail address, and may hold '#' (e.g. group calendars). */
  private static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String formValue(String value) {
    return URLEncoder.encode(value.trim(), StandardCharsets.UTF_8);
  }

  private static void require(String value, String property, String why) {
    if (blank(value)) {
      throw new MissingSettingException(property, "escala.calendar.provider is google, so set " + why);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
