package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Demo booking through the running application's pages: the public booking page, the lead's signed links, the reps'
 * staff page and feed. Run on H2 and PostgreSQL. Each test gets a week of its own, far from other tests' bookings,
 * and demo-sales as the one rep taking demos (defaults: Mexico City, Monday to Friday 9:00-17:00, 30 minutes).
 */
abstract class DemoBookingScenarios extends EscalaIntegrationTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final String REP = StaffDirectory.demoUserId("sales");
  static final String OTHER_REP = "demo-rep-on-leave";
  private static final LocalDate FIRST_MONDAY = LocalDate.of(2041, 1, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
  private static final AtomicInteger WEEKS = new AtomicInteger();
  private static final Pattern REQUEST_ID = Pattern.compile("name=\"requestId\"[^>]*value=\"([^\"]+)\"");

  @Autowired DemoReps reps;
  @Autowired DemoBookings bookings;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired StaffDirectory staffDirectory;
  @Autowired JdbcClient jdbc;
  @Autowired DemoCalendarEvents calendarEvents;

  /** Monday of this test's week, 07:00 in Mexico City: "now". */
  LocalDate monday;
  private List<RepSettings> othersAccepting = List.of();

  @BeforeEach
  void ownWeekAndOneRep() {
    monday = FIRST_MONDAY.plusWeeks(7L * WEEKS.getAndIncrement());
    ClockUtil.setCurrentTime(Date.from(at(monday, 7, 0)));
    reps.save(reps.defaults(REP));
    // The rep on leave exists only while a scenario runs: other flows' tests share the sales group (round-robin).
    identityService.deleteUser(OTHER_REP);
    {
      User user = identityService.newUser(OTHER_REP);
      user.setFirstName("Rita");
      user.setLastName("Vacaciones");
      String password = io.escala.platform.RandomPasswords.generate();
      OTHER_REP_PASSWORDS.put(databaseName(), password);
      user.setPassword(password);
      identityService.saveUser(user);
      identityService.createMembership(OTHER_REP, "sales");
    }
    RepSettings onLeave = reps.defaults(OTHER_REP);
    reps.save(new RepSettings(OTHER_REP, onLeave.timeZone(), 30, 10, 10, 240, 6, null, null, false, onLeave.hours()));
    // Reps other tests added would share the bookings: they take none while a scenario runs.
    othersAccepting = reps.accepting().stream().filter(rep -> !rep.userId().equals(REP)).toList();
    othersAccepting.forEach(rep -> reps.save(withAccepting(rep, false)));
  }

  @AfterEach
  void othersAcceptAgain() {
    othersAccepting.forEach(rep -> reps.save(withAccepting(rep, true)));
    identityService.deleteUser(OTHER_REP);
  }

  /** Set when this context's database first gets the rep on leave; the policy refuses fixed test passwords. */
  private static final Map<String, String> OTHER_REP_PASSWORDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** H2 and PostgreSQL contexts live in one JVM, each with the rep on leave of its own. */
  private String databaseName() {
    return getClass().getSimpleName();
  }

  static RepSettings withAccepting(RepSettings rep, boolean accepting) {
    return new RepSettings(rep.userId(), rep.timeZone(), rep.demoMinutes(), rep.bufferBeforeMinutes(),
        rep.bufferAfterMinutes(), rep.minNoticeMinutes(), rep.maxPerDay(), rep.meetingLink(), rep.calendarId(),
        accepting, rep.hours());
  }

  static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(MEXICO).toInstant();
  }

  // --- the visitor's side ------------------------------------------------------------------------------------------

  static Map<String, String> visitor(String name, String email) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("email", email);
    fields.put("company", "Instituto Aurora");
    fields.put("phone", "+52 55 1234 5678");
    fields.put("website", "");
    return fields;
  }

  /** Opens the booking page as a browser would (its own session) and books {@code start} with its form. */
  HttpResponse<String> book(EscalaHttpClient client, Instant start, Map<String, String> fields, String lang) {
    HttpResponse<String> page = client.get("/book-demo?tz=America/Mexico_City&lang=" + lang, lang);
    assertThat(page.statusCode()).isEqualTo(200);
    return postBooking(client, page.body(), start, fields);
  }

  static HttpResponse<String> postBooking(EscalaHttpClient client, String page, Instant start,
      Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("slot", start.toString());
    form.putIfAbsent("requestId", requestId(page));
    form.put("zone", "America/Mexico_City");
    return client.postForm("/book-demo", form, page);
  }

  static String requestId(String page) {
    Matcher matcher = REQUEST_ID.matcher(page);
    assertThat(matcher.find()).as("a requestId in the form").isTrue();
    return matcher.group(1);
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow()
        .replaceFirst("^https?://[^/]+", "");
  }

  /** The manage token a booking redirects with. */
  static String token(HttpResponse<String> booked) {
    assertThat(booked.statusCode()).as(booked.body()).isEqualTo(302);
    return location(booked).replaceFirst("^/book-demo/confirmed/", "");
  }

  Map<String, Object> row(String email) {
    return jdbc.sql("SELECT booking_key, rep_id, status, starts_at, sequence, cancelled_by, lead_key, phone"
        + " FROM demo_booking WHERE email = ?").param(email).query().singleRow();
  }

  Instant startOf(String email) {
    return bookings.find((String) row(email).get("booking_key")).orElseThrow().start();
  }

  EscalaHttpClient staff(String user, String password) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    var login = client.postForm("/login", Map.of("username", user, "password", password),
        client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  EscalaHttpClient staffOfGroup(String group) {
    String user = StaffDirectory.demoUserId(group);
    return staff(user, staffDirectory.createdPasswords().get(user));
  }

  static String unique(String name) {
    return name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@lead.example";
  }

  // --- scenarios ---------------------------------------------------------------------------------------------------

  @Test
  void theFreeSlotsAreShownInTheVisitorsZoneWithTheZoneNamed() {
    Instant tuesdayTen = at(monday.plusDays(1), 10, 0);
    String es = http.get("/book-demo?tz=America/Mexico_City&lang=es", "es").body();
    assertThat(es).contains("value=\"" + tuesdayTen + "\"").contains("10:00 (GMT-6, Ciudad de México)")
        .contains("name=\"_csrf\"").contains("name=\"website\"");
    assertThat(http.get("/book-demo?tz=America/Sao_Paulo&lang=en", "en").body())
        .contains("13:00 (GMT-3, São Paulo)").contains("Book a demo");
    // No zone from the browser yet: the country of the visitor's language decides, and the script may replace it.
    String guessed = new EscalaHttpClient("http://localhost:" + port).get("/book-demo", "pt-BR").body();
    assertThat(guessed).contains("13:00 (GMT-3, São Paulo)").contains("data-zone-guessed=\"true\"")
        .contains("Agende uma demo").contains("/js/demo-zone.js");
    // A week at a time: Monday (today, before the minimum notice) to Sunday, then the next week.
    assertThat(es).doesNotContain("value=\"" + at(monday.plusDays(7), 10, 0) + "\"").contains("week=1");
    assertThat(http.get("/book-demo?tz=America/Mexico_City&week=1", "es").body())
        .contains("value=\"" + at(monday.plusDays(7), 10, 0) + "\"");
  }

  @Test
  void aBookingRedirectsToItsConfirmationAndStartsTheCase() {
    String email = unique("carla");
    Instant tuesdayTen = at(monday.plusDays(1), 10, 0);
    HttpResponse<String> booked = book(http, tuesdayTen, visitor("Carla Méndez", email), "es");
    String token = token(booked);

    Map<String, Object> row = row(email);
    assertThat(row.get("rep_id")).isEqualTo(REP);
    assertThat(row.get("status")).isEqualTo("BOOKED");
    assertThat(row.get("phone")).isEqualTo("+525512345678");
    assertThat(startOf(email)).isEqualTo(tuesdayTen);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(DemoBookings.PROCESS_KEY)
        .processInstanceBusinessKey((String) row.get("booking_key")).count()).isEqualTo(1);

    HttpResponse<String> confirmation = http.get(location(booked), "es");
    assertThat(confirmation.statusCode()).isEqualTo(200);
    Booking booking = bookings.find((String) row.get("booking_key")).orElseThrow();
    assertThat(confirmation.body()).contains("Tu demo está agendada").contains("10:00 (GMT-6, Ciudad de México)")
        .contains(reps.displayName(REP)).contains(booking.meetingUrl()).contains("invitación")
        .contains("/demo/" + token);
    // Nobody without the signed token opens it.
    assertThat(http.get("/book-demo/confirmed/" + tampered(token), "es").statusCode()).isEqualTo(404);
  }

  @Test
  void theSameFormSentTwiceBooksOnce() {
    String email = unique("twice");
    HttpResponse<String> page = http.get("/book-demo?tz=America/Mexico_City", "es");
    Map<String, String> fields = visitor("Dos Veces", email);
    fields.put("requestId", requestId(page.body()));
    HttpResponse<String> first = postBooking(http, page.body(), at(monday.plusDays(1), 11, 0), fields);
    HttpResponse<String> second = postBooking(http, page.body(), at(monday.plusDays(1), 11, 0), fields);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(location(second)).isEqualTo(location(first));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE email = ?").param(email).query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void aSlotInThePastOutsideTheHoursOrBeyondTheDailyCapIsRefusedWithItsReason() {
    HttpResponse<String> past = book(http, at(monday, 6, 0), visitor("Pasado", unique("past")), "es");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(past.body()).contains("Ese horario ya pasó").contains("role=\"alert\"");

    HttpResponse<String> evening = book(http, at(monday.plusDays(1), 20, 0), visitor("Late", unique("late")), "en");
    assertThat(evening.statusCode()).isEqualTo(400);
    assertThat(evening.body()).contains("Nobody on the team gives demos at that hour");

    LocalDate wednesday = monday.plusDays(2);
    for (int hour = 9; hour < 15; hour++) {
      assertThat(book(new EscalaHttpClient("http://localhost:" + port), at(wednesday, hour, 0),
          visitor("Cap " + hour, unique("cap")), "es").statusCode()).isEqualTo(302);
    }
    HttpResponse<String> seventh = book(http, at(wednesday, 15, 0), visitor("Sétima", unique("cap")), "pt-BR");
    assertThat(seventh.statusCode()).isEqualTo(400);
    assertThat(seventh.body()).contains("Não há mais demos disponíveis nesse dia");

    Map<String, String> bad = visitor("", "not-an-address");
    bad.put("phone", "55 1234");
    HttpResponse<String> invalid = book(http, at(monday.plusDays(1), 12, 0), bad, "es");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("Escribe tu nombre.").contains("Escribe un correo electrónico válido")
        .contains("Escribe el teléfono con + y el código de país");
  }

  @Test
  void aTamperedOrExpiredManageLinkChangesNothing() {
    String email = unique("links");
    String token = token(book(http, at(monday.plusDays(1), 13, 0), visitor("Enlace", email), "es"));
    Map<String, Object> before = row(email);
    String csrfPage = http.get("/book-demo").body();

    HttpResponse<String> tampered = http.get("/demo/" + tampered(token), "es");
    assertThat(tampered.statusCode()).isEqualTo(404);
    assertThat(tampered.body()).contains("Este enlace no es válido");
    assertThat(http.postForm("/demo/" + tampered(token) + "/cancel", Map.of(), csrfPage).statusCode())
        .isEqualTo(404);
    assertThat(row(email)).isEqualTo(before);

    moveClock(Duration.ofDays(2)); // the demo started on Tuesday
    HttpResponse<String> expired = http.get("/demo/" + token + "?lang=en", "en");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("This demo can no longer be changed");
    assertThat(http.postForm("/demo/" + token + "/cancel", Map.of(), csrfPage).statusCode()).isEqualTo(410);
    assertThat(http.postForm("/demo/" + token + "/reschedule",
        Map.of("slot", at(monday.plusDays(4), 10, 0).toString()), csrfPage).statusCode()).isEqualTo(410);
    assertThat(row(email)).isEqualTo(before);
  }

  @Test
  void theLeadReschedulesAndCancelsFromTheirLink() {
    String email = unique("move");
    String token = token(book(http, at(monday.plusDays(1), 14, 0), visitor("Mover", email), "es"));
    HttpResponse<String> manage = http.get("/demo/" + token, "es");
    assertThat(manage.statusCode()).isEqualTo(200);
    Instant thursday = at(monday.plusDays(3), 11, 0);
    assertThat(manage.body()).contains("value=\"" + thursday + "\"");

    // A time another visitor takes meanwhile: 409 and the fresh list, not an error page.
    Instant friday = at(monday.plusDays(4), 9, 0);
    token(book(new EscalaHttpClient("http://localhost:" + port), friday, visitor("Rápida", unique("fast")), "es"));
    HttpResponse<String> taken = http.postForm("/demo/" + token + "/reschedule", Map.of("slot", friday.toString()),
        manage.body());
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("Alguien acaba de tomar ese horario").contains("value=\"" + thursday + "\"");

    HttpResponse<String> moved = http.postForm("/demo/" + token + "/reschedule", Map.of("slot", thursday.toString()),
        manage.body());
    assertThat(moved.statusCode()).isEqualTo(302);
    assertThat(startOf(email)).isEqualTo(thursday);
    assertThat(row(email).get("sequence")).isEqualTo(1);
    HttpResponse<String> after = http.get(location(moved), "es");
    assertThat(after.body()).contains("Te enviamos una nueva invitación").contains("11:00 (GMT-6, Ciudad de México)");

    String newToken = location(moved).replaceFirst("^/demo/", "").replaceFirst("\\?.*$", "");
    HttpResponse<String> question = http.get("/demo/" + newToken + "/cancel", "es");
    assertThat(question.body()).contains("¿Cancelar tu demo?");
    HttpResponse<String> cancelled = http.postForm("/demo/" + newToken + "/cancel", Map.of(), question.body());
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).contains("Tu demo está cancelada");
    assertThat(row(email).get("status")).isEqualTo("CANCELLED");
    assertThat(row(email).get("cancelled_by")).isEqualTo("LEAD");
  }

  @Test
  void repsSeeTheirOwnDemosAndManagersEveryones() {
    String email = unique("staff");
    String token = token(book(http, at(monday.plusDays(2), 16, 0), visitor("Sofía Staff", email), "es"));
    long id = jdbc.sql("SELECT id FROM demo_booking WHERE email = ?").param(email).query(Long.class).single();

    EscalaHttpClient rep = staffOfGroup("sales");
    String mine = rep.get("/staff/demos", "es").body();
    assertThat(mine).contains("Sofía Staff").contains("16:00 (GMT-6, Ciudad de México)").contains("Agendada")
        .contains("/staff/demos/reps/" + REP);
    assertThat(rep.get("/staff/demos/reps/" + OTHER_REP, "es").statusCode()).isEqualTo(403);
    String settings = rep.get("/staff/demos/reps/" + REP, "en").body();
    assertThat(settings).contains("Demo settings of").contains("/calendar/demos/" + reps.feedToken(REP) + ".ics");

    EscalaHttpClient manager = staffOfGroup("sales-managers");
    String all = manager.get("/staff/demos", "pt-BR").body();
    assertThat(all).contains("Sofía Staff").contains("Rita Vacaciones").contains("(não recebe demos)");
    assertThat(manager.get("/staff/demos/reps/" + OTHER_REP, "es").statusCode()).isEqualTo(200);
    assertThat(staff(OTHER_REP, OTHER_REP_PASSWORDS.get(databaseName())).get("/staff/demos/bookings/" + id, "es").statusCode())
        .isEqualTo(403);

    // The rep moves it from the staff page, then cancels it.
    String bookingPage = rep.get("/staff/demos/bookings/" + id, "es").body();
    Instant thursday = at(monday.plusDays(3), 15, 0);
    assertThat(bookingPage).contains("value=\"" + thursday + "\"");
    assertThat(rep.postForm("/staff/demos/bookings/" + id + "/reschedule", Map.of("slot", thursday.toString()),
        bookingPage).statusCode()).isEqualTo(302);
    assertThat(startOf(email)).isEqualTo(thursday);
    assertThat(rep.postForm("/staff/demos/bookings/" + id + "/cancel", Map.of(), bookingPage).statusCode())
        .isEqualTo(302);
    assertThat(row(email).get("cancelled_by")).isEqualTo("REP");
    assertThat(http.get("/demo/" + token, "es").body()).contains("Esta demo fue cancelada");
  }

  @Test
  void invalidSettingsAreShownAndNotSaved() {
    EscalaHttpClient rep = staffOfGroup("sales");
    String page = rep.get("/staff/demos/reps/" + REP, "es").body();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("timeZone", "America/Bogota");
    form.put("demoMinutes", "7");
    form.put("bufferBeforeMinutes", "10");
    form.put("bufferAfterMinutes", "10");
    form.put("minNoticeMinutes", "240");
    form.put("maxPerDay", "6");
    form.put("meetingLink", "");
    form.put("calendarId", "");
    form.put("accepting", "true");
    form.put("hours[MONDAY]", "09:00-13:00, 12:00-18:00");
    HttpResponse<String> refused = rep.postForm("/staff/demos/reps/" + REP, form, page);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("La duración de la demo va de 10 a 240 minutos")
        .contains("rangos en múltiplos de 5 minutos que no se superpongan");
    assertThat(reps.find(REP).orElseThrow().demoMinutes()).isEqualTo(30);

    form.put("demoMinutes", "45");
    form.put("hours[MONDAY]", "09:00-13:00, 14:00-18:00");
    form.put("hours[TUESDAY]", "10:00-12:00");
    assertThat(rep.postForm("/staff/demos/reps/" + REP, form, page).statusCode()).isEqualTo(302);
    RepSettings saved = reps.find(REP).orElseThrow();
    assertThat(saved.demoMinutes()).isEqualTo(45);
    assertThat(saved.timeZone()).isEqualTo(ZoneId.of("America/Bogota"));
    assertThat(saved.hours().get(DayOfWeek.MONDAY)).hasSize(2);
    assertThat(saved.hours()).doesNotContainKey(DayOfWeek.WEDNESDAY);
  }

  @Test
  void theRepsFeedHasTheirBookedDemosAndNotTheCancelledOnes() {
    String kept = unique("kept");
    String dropped = unique("dropped");
    token(book(http, at(monday.plusDays(1), 15, 0), visitor("Fiona Feed", kept), "es"));
    String droppedToken = token(book(new EscalaHttpClient("http://localhost:" + port), at(monday.plusDays(1), 16, 0),
        visitor("Cancelada Feed", dropped), "es"));
    bookings.cancel((String) row(dropped).get("booking_key"), DemoBookings.Actor.LEAD);
    assertThat(droppedToken).isNotBlank();

    HttpResponse<String> feed = http.get("/calendar/demos/" + reps.feedToken(REP) + ".ics");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/calendar").containsIgnoringCase("charset=utf-8"));
    assertThat(feed.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("private"));
    String unfolded = feed.body().replace("\r\n ", "");
    assertThat(unfolded).contains("BEGIN:VCALENDAR").contains("Demo: Fiona Feed (Instituto Aurora)")
        .contains("UID:" + calendarEvents.uid(bookings.find((String) row(kept).get("booking_key")).orElseThrow()))
        .doesNotContain("Cancelada Feed");
    assertThat(http.get("/calendar/demos/not-a-real-feed-token-at-all.ics").statusCode()).isEqualTo(404);
  }

  /** One character of the signed payload changed (the last one of the signature may only carry padding bits). */
  static String tampered(String token) {
    char first = token.charAt(0);
    return (first == 'Z' ? 'Y' : 'Z') + token.substring(1);
  }
}
