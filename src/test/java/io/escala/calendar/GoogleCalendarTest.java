package io.escala.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.escala.platform.MissingSettingException;
import io.escala.platform.NonRetryableException;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoogleCalendarTest {

  private static final String CLIENT_ID = "1234-escala.apps.googleusercontent.com";
  private static final String CLIENT_SECRET = "GOCSPX-client-secret";
  private static final String REFRESH_TOKEN = "1//refresh-token-of-the-scheduler";
  private static final String TOKEN_PATH = "/token";
  private static final String FREE_BUSY = "/calendar/v3/freeBusy";
  private static final String CALENDAR_ID = "maria@escala.example";
  private static final String EVENTS = "/calendar/v3/calendars/maria%40escala.example/events";
  private static final CalendarRef MARIA = new CalendarRef("maria", CALENDAR_ID);
  private static final String UID = "demo-42@escala.example";
  private static final String EVENT_ID = GoogleCalendar.eventId(UID);

  private static final WireMockServer google = new WireMockServer(wireMockConfig().dynamicPort());

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T12:00:00Z"));
  private GoogleCalendar calendar;

  @BeforeAll
  static void startGoogle() {
    google.start();
  }

  @AfterAll
  static void stopGoogle() {
    google.stop();
  }

  @BeforeEach
  void connect() {
    calendar = new GoogleCalendar(settings(Duration.ofSeconds(2)), clock);
    google.stubFor(post(TOKEN_PATH).willReturn(okJson("""
        {"access_token":"ya29.first","expires_in":3599,"token_type":"Bearer"}""")));
  }

  @AfterEach
  void reset() {
    google.resetAll();
  }

  private static GoogleCalendar.Settings settings(Duration timeout) {
    return new GoogleCalendar.Settings(
        google.baseUrl(), google.baseUrl() + TOKEN_PATH, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, timeout);
  }

  @Test
  void defaultsPointAtGoogle() {
    GoogleCalendar.Settings defaults = new GoogleCalendar.Settings(null, null, "id", CLIENT_SECRET, REFRESH_TOKEN, null);

    assertThat(defaults.baseUrl()).isEqualTo("https://www.googleapis.com");
    assertThat(defaults.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.toString()).doesNotContain(CLIENT_SECRET, REFRESH_TOKEN);
  }

  @Test
  void aMissingRefreshTokenFailsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> new GoogleCalendar(
            new GoogleCalendar.Settings(null, null, CLIENT_ID, CLIENT_SECRET, " ", null), clock))
        .isInstanceOf(MissingSettingException.class)
        .hasMessageContaining("escala.calendar.google.refresh-token");
  }

  @Test
  void readsBusyTimeThroughFreeBusyWithARefreshedToken() {
    google.stubFor(post(FREE_BUSY).willReturn(okJson("""
        {"kind":"calendar#freeBusy","timeMin":"2025-03-04T00:00:00.000Z","timeMax":"2025-03-05T00:00:00.000Z",
         "calendars":{"maria@escala.example":{"busy":[
           {"start":"2025-03-04T14:00:00Z","end":"2025-03-04T15:00:00Z"},
           {"start":"2025-03-04T11:30:00-03:00","end":"2025-03-04T12:00:00-03:00"}]}}}""")));

    List<BusyInterval> busy = calendar.busy(
        MARIA, Instant.parse("2025-03-04T00:00:00Z"), Instant.parse("2025-03-05T00:00:00Z"));

    assertThat(busy).containsExactly(
        new BusyInterval(Instant.parse("2025-03-04T14:00:00Z"), Instant.parse("2025-03-04T15:00:00Z")),
        new BusyInterval(Instant.parse("2025-03-04T14:30:00Z"), Instant.parse("2025-03-04T15:00:00Z")));
    google.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withFormParam("grant_type", equalTo("refresh_token"))
        .withFormParam("client_id", equalTo(CLIENT_ID))
        .withFormParam("client_secret", equalTo(CLIENT_SECRET))
        .withFormParam("refresh_token", equalTo(REFRESH_TOKEN)));
    google.verify(1, postRequestedFor(urlEqualTo(FREE_BUSY))
        .withHeader("Authorization", equalTo("Bearer ya29.first"))
        .withRequestBody(equalToJson("""
            {"timeMin":"2025-03-04T00:00:00Z","timeMax":"2025-03-05T00:00:00Z",
             "items":[{"id":"maria@escala.example"}]}""")));
  }

  @Test
  void theTokenIsReusedUntilShortlyBeforeItExpiresThenRefreshed() {
    google.stubFor(post(FREE_BUSY).willReturn(okJson("""
        {"calendars":{"maria@escala.example":{"busy":[]}}}""")));
    Instant from = Instant.parse("2025-03-04T00:00:00Z");
    Instant to = Instant.parse("2025-03-05T00:00:00Z");

    calendar.busy(MARIA, from, to);
    clock.advance(Duration.ofMinutes(57));
    calendar.busy(MARIA, from, to);
    google.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

    google.stubFor(post(TOKEN_PATH).willReturn(okJson("""
        {"access_token":"ya29.second","expires_in":3599,"token_type":"Bearer"}""")));
    clock.advance(Duration.ofMinutes(2)); // 59 minutes: inside the renewal margin of a 3599 s token
    calendar.busy(MARIA, from, to);

    google.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    google.verify(2, postRequestedFor(urlEqualTo(FREE_BUSY)).withHeader("Authorization", equalTo("Bearer ya29.first")));
    google.verify(1, postRequestedFor(urlEqualTo(FREE_BUSY)).withHeader("Authorization", equalTo("Bearer ya29.second")));
  }

  @Test
  void aRevokedRefreshTokenNamesTheSettingWithoutQuotingAnySecret() {
    google.stubFor(post(TOKEN_PATH).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("""
            {"error":"invalid_grant","error_description":"Token has been expired or revoked."}""")));

    assertThatThrownBy(() -> calendar.busy(MARIA, Instant.parse("2025-03-04T00:00:00Z"),
            Instant.parse("2025-03-05T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining("escala.calendar.google.refresh-token")
        .message().doesNotContain(REFRESH_TOKEN, CLIENT_SECRET);
    google.verify(0, postRequestedFor(urlEqualTo(FREE_BUSY)));
  }

  @Test
  void aCalendarFreeBusyCannotReadIsUnavailable() {
    google.stubFor(post(FREE_BUSY).willReturn(okJson("""
        {"calendars":{"maria@escala.example":{"errors":[{"domain":"global","reason":"notFound"}],"busy":[]}}}""")));

    assertThatThrownBy(() -> calendar.busy(MARIA, Instant.parse("2025-03-04T00:00:00Z"),
            Instant.parse("2025-03-05T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining("maria")
        .hasMessageContaining("notFound");
  }

  @Test
  void aCalendarNotConnectedIsNeverAsked() {
    CalendarRef unconnected = new CalendarRef("joao", null);

    assertThat(calendar.busy(unconnected, Instant.parse("2025-03-04T00:00:00Z"),
        Instant.parse("2025-03-05T00:00:00Z"))).isEmpty();
    calendar.put(unconnected, demo(0));
    calendar.remove(unconnected, UID);

    assertThat(google.getAllServeEvents()).isEmpty();
  }

  @Test
  void theEventIdIsBase32HexAndStablePerUid() {
    assertThat(EVENT_ID).matches("[a-v0-9]{5,1024}").hasSize(64).isEqualTo(GoogleCalendar.eventId(UID));
    assertThat(GoogleCalendar.eventId("demo-43@escala.example")).isNotEqualTo(EVENT_ID);
  }

  @Test
  void anExistingEventIsUpdatedInPlaceWithoutMailingTheGuests() {
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(okJson("{\"id\":\"" + EVENT_ID + "\"}")));

    calendar.put(MARIA, demo(1));

    google.verify(1, putRequestedFor(urlEqualTo(EVENTS + "/" + EVENT_ID + "?sendUpdates=none"))
        .withHeader("Authorization", equalTo("Bearer ya29.first"))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(equalToJson("""
            {"summary":"Escala demo with Ana Souza","description":"Wants AI courses for 20 people",
             "location":"https://meet.example/abc",
             "start":{"dateTime":"2025-03-04T14:00:00Z"},"end":{"dateTime":"2025-03-04T14:30:00Z"},
             "attendees":[{"email":"ana@example.com","displayName":"Ana Souza"},{"email":"luis@example.com"}],
             "sequence":1,"status":"confirmed"}""")));
    google.verify(0, postRequestedFor(urlPathEqualTo(EVENTS)));
  }

  @Test
  void anUnknownEventIsInsertedWithTheDerivedId() {
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse()
        .withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":404,\"message\":\"Not Found\",\"errors\":[{\"reason\":\"notFound\"}]}}")));
    google.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"id\":\"" + EVENT_ID + "\"}")));

    calendar.put(MARIA, demo(0));

    google.verify(1, postRequestedFor(urlEqualTo(EVENTS + "?sendUpdates=none"))
        .withHeader("Authorization", equalTo("Bearer ya29.first"))
        .withRequestBody(matchingJsonPath("$.id", equalTo(EVENT_ID)))
        .withRequestBody(matchingJsonPath("$.summary", equalTo("Escala demo with Ana Souza")))
        .withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2025-03-04T14:00:00Z")))
        .withRequestBody(matchingJsonPath("$.sequence", equalTo("0")))
        .withRequestBody(matchingJsonPath("$.status", equalTo("confirmed"))));
  }

  @Test
  void anInsertThatLosesToAConcurrentRetryBecomesAnUpdate() {
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).inScenario("race")
        .willReturn(aResponse().withStatus(404))
        .willSetStateTo("inserted by the other attempt"));
    google.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse()
        .withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":409,\"message\":\"The requested identifier already exists.\"}}")));
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).inScenario("race")
        .whenScenarioStateIs("inserted by the other attempt")
        .willReturn(okJson("{\"id\":\"" + EVENT_ID + "\"}")));

    calendar.put(MARIA, demo(0));

    google.verify(2, putRequestedFor(urlEqualTo(EVENTS + "/" + EVENT_ID + "?sendUpdates=none")));
    google.verify(1, postRequestedFor(urlEqualTo(EVENTS + "?sendUpdates=none")));
  }

  @Test
  void anEventGoogleCallsInvalidIsAnIncidentAtOnce() {
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse()
        .withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":400,\"message\":\"Invalid attendee email.\"}}")));

    assertThatThrownBy(() -> calendar.put(MARIA, demo(0)))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("Invalid attendee email.");
  }

  @Test
  void removesTheEventWithoutMailingTheGuests() {
    google.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse().withStatus(204)));

    calendar.remove(MARIA, UID);

    google.verify(1, deleteRequestedFor(urlEqualTo(EVENTS + "/" + EVENT_ID + "?sendUpdates=none"))
        .withHeader("Authorization", equalTo("Bearer ya29.first")));
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 410})
  void removingAnEventThatIsGoneIsFine(int status) {
    google.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"Resource has been deleted\"}}")));

    calendar.remove(MARIA, UID);

    google.verify(1, deleteRequestedFor(urlPathEqualTo(EVENTS + "/" + EVENT_ID)));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 429, 500, 503})
  void googleRefusingOrFailingIsUnavailable(int status) {
    google.stubFor(post(FREE_BUSY).willReturn(aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":" + status + ",\"message\":\"Backend Error\"}}")));
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse().withStatus(status)));
    google.stubFor(delete(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse().withStatus(status)));

    assertThatThrownBy(() -> calendar.busy(MARIA, Instant.parse("2025-03-04T00:00:00Z"),
            Instant.parse("2025-03-05T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining(String.valueOf(status))
        .message().doesNotContain("ya29", CLIENT_SECRET, REFRESH_TOKEN);
    assertThatThrownBy(() -> calendar.put(MARIA, demo(0))).isInstanceOf(CalendarUnavailableException.class);
    assertThatThrownBy(() -> calendar.remove(MARIA, UID)).isInstanceOf(CalendarUnavailableException.class);
  }

  @Test
  void aRefusedTokenIsForgottenSoTheRetryAsksForANewOne() {
    google.stubFor(put(urlPathEqualTo(EVENTS + "/" + EVENT_ID)).willReturn(aResponse().withStatus(401)));

    assertThatThrownBy(() -> calendar.put(MARIA, demo(0))).isInstanceOf(CalendarUnavailableException.class);
    assertThatThrownBy(() -> calendar.put(MARIA, demo(0))).isInstanceOf(CalendarUnavailableException.class);

    google.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
  }

  @Test
  void aSlowAnswerBeyondTheTimeoutIsUnavailable() {
    GoogleCalendar impatient = new GoogleCalendar(settings(Duration.ofMillis(300)), clock);
    google.stubFor(post(FREE_BUSY).willReturn(okJson("""
        {"calendars":{"maria@escala.example":{"busy":[]}}}""").withFixedDelay(2_000)));

    assertThatThrownBy(() -> impatient.busy(MARIA, Instant.parse("2025-03-04T00:00:00Z"),
            Instant.parse("2025-03-05T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining("did not answer within 300 ms");
  }

  @Test
  void aDroppedConnectionIsUnavailable() {
    google.stubFor(post(FREE_BUSY).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> calendar.busy(MARIA, Instant.parse("2025-03-04T00:00:00Z"),
            Instant.parse("2025-03-05T00:00:00Z")))
        .isInstanceOf(CalendarUnavailableException.class)
        .hasMessageContaining("could not be reached");
  }

  private static CalendarEvent demo(int sequence) {
    return new CalendarEvent(
        UID,
        sequence,
        Instant.parse("2025-03-04T14:00:00Z"),
        Instant.parse("2025-03-04T14:30:00Z"),
        "Escala demo with Ana Souza",
        "Wants AI courses for 20 people",
        "https://meet.example/abc",
        new CalendarEvent.Person("maria@escala.example", "María"),
        List.of(new CalendarEvent.Person("ana@example.com", "Ana Souza"),
            new CalendarEvent.Person("luis@example.com", null)));
  }
}
