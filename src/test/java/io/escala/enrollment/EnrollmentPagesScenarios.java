package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.payments.Money;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Course enrollment through the running application's pages: the public catalog and course page in es / pt-BR / en,
 * the form's validation and refusals, enrolling (once, twice, onto the waitlist), the status and offer pages, and
 * the course admins' staff page. Each test has a course of its own, with cohorts a few weeks from now.
 */
abstract class EnrollmentPagesScenarios extends EscalaIntegrationTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired EnrollmentLinks links;
  @Autowired StaffDirectory staffDirectory;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  String slug;
  Course course;
  /** Paid in pesos, starts in three weeks at 18:00 Mexico City. */
  Cohort paid;
  /** Free, with a live session. */
  Cohort free;
  /** Paid in reais. */
  Cohort reais;

  @BeforeEach
  void aCourseOfItsOwn() {
    ClockUtil.reset();
    String id = UUID.randomUUID().toString().substring(0, 8);
    slug = "ia-docentes-" + id;
    course = catalog.save(new CourseCatalog.CourseDraft(slug, "IA para docentes " + id,
        "Un asistente de IA para tu materia.", Locale.forLanguageTag("es"), Course.Kind.COURSE, null, 6, true));
    paid = cohort("mxn-" + id, 3, MEXICO, 20, Money.of("1490.00", "MXN"), null);
    free = cohort("free-" + id, 4, MEXICO, 20, null, "https://meet.jit.si/escala-" + id);
    reais = cohort("brl-" + id, 5, SAO_PAULO, 20, Money.of("297.00", "BRL"), null);
  }

  Cohort cohort(String code, int weeks, ZoneId zone, int capacity, Money price, String joinUrl) {
    Instant start = startIn(weeks, zone);
    return catalog.save(new CourseCatalog.CohortDraft(course.id(), code, start, start.plus(Duration.ofDays(30)), zone,
        capacity, price, joinUrl, null, true));
  }

  static Instant startIn(int weeks, ZoneId zone) {
    return Instant.now().atZone(zone).toLocalDate().plusWeeks(weeks).atTime(LocalTime.of(18, 0)).atZone(zone)
        .toInstant();
  }

  static Map<String, String> person(String cohort, String email) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("cohort", cohort);
    fields.put("name", "Lucía Hernández");
    fields.put("email", email);
    fields.put("country", "MX");
    fields.put("consent", "true");
    fields.put("zone", "America/Mexico_City");
    fields.put("language", "es");
    fields.put("website", "");
    return fields;
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@alumnos.example";
  }

  /** Opens the course page as a browser would (its own session) and posts the form on it. */
  HttpResponse<String> enroll(EscalaHttpClient client, Map<String, String> fields, String lang) {
    HttpResponse<String> page = client.get("/courses/" + slug + "?tz=America/Mexico_City&lang=" + lang, lang);
    assertThat(page.statusCode()).isEqualTo(200);
    return client.postForm("/courses/" + slug, fields, page.body());
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
  }

  static String token(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    return location(response).replaceFirst("^/courses/enrollment/", "");
  }

  long casesOf(String cohortCode, String email) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(Enrollments.PROCESS_KEY)
        .processInstanceBusinessKey(Enrollments.businessKey(cohortCode, email)).count();
  }

  long rowsOf(String email) {
    return jdbc.sql("SELECT COUNT(*) FROM course_enrollment WHERE email = ?").param(email).query(Long.class).single();
  }

  EscalaHttpClient staffOf(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    String user = StaffDirectory.demoUserId(group);
    String password = demoStaffPassword(group);
    var login = client.postForm("/login", Map.of("username", user, "password", password), client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  // --- the catalog and the course page -----------------------------------------------------------------------------

  @Test
  void theCatalogListsOpenCohortsInTheVisitorsZoneAndLanguage() {
    String es = http.get("/courses?tz=America/Mexico_City&lang=es", "es").body();
    assertThat(es).contains("Cursos y webinars en vivo").contains(course.title())
        .contains(CatalogPages.dateTime(paid.startsAt(), MEXICO, Locale.forLanguageTag("es")))
        .contains("18:00 (GMT-6").contains("Quedan 20 cupos").contains(Money.of("1490.00", "MXN")
            .format(Locale.forLanguageTag("es"))).contains("Gratis").contains("Sesión en vivo en línea")
        .contains("Se imparte en español").contains("/courses/" + slug + "?cohort=" + paid.code());
    // The same cohort in São Paulo's zone, in Portuguese: 21:00 there, reais written the Brazilian way.
    String pt = http.get("/courses?tz=America/Sao_Paulo&lang=pt-BR", "pt-BR").body();
    assertThat(pt).contains("Cursos e webinars ao vivo")
        .contains(CatalogPages.dateTime(paid.startsAt(), SAO_PAULO, Locale.forLanguageTag("pt-BR")))
        .contains("21:00 (GMT-3").contains(Money.of("297.00", "BRL").format(Locale.forLanguageTag("pt-BR"))).contains("Restam 20 vagas").contains("Gratuito");
    String en = http.get("/courses?lang=en", "en").body();
    assertThat(en).contains("Courses and live webinars").contains("20 seats left").contains("Taught in Spanish")
        // no browser zone yet: each cohort's own, and the script that asks the browser
        .contains("data-zone-guessed=\"true\"").contains("/js/demo-zone.js")
        .contains(CatalogPages.dateTime(reais.startsAt(), SAO_PAULO, Locale.ENGLISH));
  }

  @Test
  void aFullCohortSaysTheWaitlistIsOpenAndAClosedOneIsNotListed() {
    Cohort full = cohort("full-" + slug, 6, MEXICO, 0, null, null);
    Cohort closed = catalog.save(new CourseCatalog.CohortDraft(course.id(), "closed-" + slug, startIn(7, MEXICO),
        startIn(8, MEXICO), MEXICO, 10, null, null, null, false));
    String page = http.get("/courses/" + slug + "?tz=America/Mexico_City", "es").body();
    assertThat(page).contains("value=\"" + full.code() + "\"").contains("Cupo lleno: lista de espera abierta")
        .doesNotContain(closed.code());
    assertThat(http.get("/courses?tz=America/Mexico_City", "en").body()).contains("Full: waitlist open")
        .contains("Join the waitlist");
  }

  @Test
  void theCoursePageOffersABankTransferOnlyWhileNoPaymentProviderIsConfigured() {
    String page = http.get("/courses/" + slug + "?tz=America/Bogota", "pt-BR").body();
    assertThat(page).contains("name=\"_csrf\"").contains("name=\"website\"").contains("name=\"consent\"")
        .doesNotContain("value=\"CARD\"").doesNotContain("value=\"PIX\"").contains("value=\"TRANSFER\"")
        // the only way to pay is chosen already
        .containsPattern("value=\"TRANSFER\"\\s+checked=\"checked\"")
        .contains("name=\"zone\" value=\"America/Bogota\"").contains("Colômbia").contains("Outro país")
        .contains("Forma de pagamento");
    // A course with only pesos and a free cohort offers no Pix; a free-only course asks for no payment method.
    Course pesos = catalog.save(new CourseCatalog.CourseDraft(slug + "-mx", "Solo pesos", "", Locale.forLanguageTag("es"),
        Course.Kind.WEBINAR, null, 0, true));
    Instant start = startIn(3, MEXICO);
    catalog.save(new CourseCatalog.CohortDraft(pesos.id(), slug + "-mx-1", start, start.plusSeconds(3600), MEXICO, 5,
        null, null, null, true));
    String freeOnly = http.get("/courses/" + slug + "-mx", "es").body();
    assertThat(freeOnly).doesNotContain("name=\"method\"").contains("Webinar en vivo")
        // the only cohort is chosen already
        .contains("checked=\"checked\"");
    assertThat(http.get("/courses/no-such-course", "en").statusCode()).isEqualTo(404);
    assertThat(http.get("/courses/no-such-course", "en").body()).contains("We could not find that course");
  }

  // --- validation and refusals: nothing is started ------------------------------------------------------------------

  @Test
  void badInputComesBackWithClearErrorsInTheVisitorsLanguageAndStartsNothing() {
    Map<String, String> bad = person(paid.code(), "not-an-address");
    bad.put("name", "");
    bad.put("country", "ZZ");
    bad.remove("consent");
    HttpResponse<String> es = enroll(http, bad, "es");
    assertThat(es.statusCode()).isEqualTo(400);
    assertThat(es.body()).contains("role=\"alert\"").contains("Escribe tu nombre.")
        .contains("Escribe un correo electrónico válido").contains("Elige tu país")
        .contains("Necesitamos tu permiso");

    Map<String, String> noMethod = person(paid.code(), unique("sin-metodo"));
    HttpResponse<String> pt = enroll(http, noMethod, "pt-BR");
    assertThat(pt.statusCode()).isEqualTo(400);
    assertThat(pt.body()).contains("Escolha como você vai pagar.").contains("value=\"Luc&iacute;a Hern&aacute;ndez\"");

    Map<String, String> pixInPesos = person(paid.code(), unique("pix"));
    pixInPesos.put("method", "PIX");
    HttpResponse<String> en = enroll(http, pixInPesos, "en");
    assertThat(en.statusCode()).isEqualTo(400);
    assertThat(en.body()).contains("Pix only works for payments in Brazilian reais");

    Map<String, String> bot = person(free.code(), unique("bot"));
    bot.put("website", "https://spam.example");
    assertThat(enroll(http, bot, "es").statusCode()).isEqualTo(400);

    Map<String, String> otherCourse = person("ia-en-el-aula-no-existe", unique("otro"));
    assertThat(enroll(http, otherCourse, "es").body()).contains("Elige una de las fechas de la lista.");

    for (String email : new String[] {"not-an-address", noMethod.get("email"), pixInPesos.get("email"),
        bot.get("email")}) {
      assertThat(rowsOf(email)).as(email).isZero();
    }
    assertThat(catalog.cohort(paid.id()).orElseThrow().seatsTaken()).isZero();
  }

  @Test
  void aClosedCohortIsRefusedWithTheFormAgain() {
    catalog.save(new CourseCatalog.CohortDraft(course.id(), paid.code(), paid.startsAt(), paid.endsAt(), MEXICO, 20,
        paid.price(), null, null, false));
    Map<String, String> fields = person(paid.code(), unique("cerrado"));
    fields.put("method", "CARD");
    HttpResponse<String> response = enroll(http, fields, "es");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Esa fecha ya no recibe inscripciones");
    assertThat(rowsOf(fields.get("email"))).isZero();
  }

  // --- enrolling ----------------------------------------------------------------------------------------------------

  @Test
  void aCardIsRefusedWhileNoPaymentProviderIsConfigured() {
    Map<String, String> card = person(paid.code(), unique("sin-proveedor"));
    card.put("method", "CARD");
    HttpResponse<String> refused = enroll(http, card, "es");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Por ahora recibimos solo transferencias bancarias");
    assertThat(rowsOf(card.get("email"))).isZero();
  }

  @Test
  void enrollingReservesASeatAndTheStatusPageSaysWhatComesNext() {
    Map<String, String> card = person(paid.code(), unique("tarjeta"));
    card.put("method", "TRANSFER");
    HttpResponse<String> posted = enroll(http, card, "es");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    assertThat(location(posted)).startsWith("/courses/enrollment/");
    Enrollment enrollment = enrollments.byBusinessKey(Enrollments.businessKey(paid.code(), card.get("email")))
        .orElseThrow();
    assertThat(enrollment.status()).isEqualTo(Enrollment.Status.RESERVED);
    assertThat(enrollment.language().toLanguageTag()).isEqualTo("es");
    assertThat(enrollment.timeZone()).isEqualTo(MEXICO);
    assertThat(casesOf(paid.code(), card.get("email"))).isEqualTo(1);
    String status = http.get(location(posted) + "?lang=es", "es").body();
    // the details are shown once, inside the page (a fragment kept after </html> was rendered a second time)
    assertThat(status.strip()).endsWith("</html>");
    assertThat(status.split("class=\"demo-details\"", -1)).hasSize(2);
    assertThat(status).contains("Tu cupo está reservado").doesNotContain("/courses/pay/")
        .contains(course.title()).doesNotContain("Ya te habías inscrito");

    Map<String, String> transfer = person(reais.code(), unique("transferencia"));
    transfer.put("method", "TRANSFER");
    transfer.put("country", "BR");
    transfer.put("zone", "");
    HttpResponse<String> byTransfer = enroll(new EscalaHttpClient("http://localhost:" + port), transfer, "pt-BR");
    Enrollment second = enrollments.byBusinessKey(Enrollments.businessKey(reais.code(), transfer.get("email")))
        .orElseThrow();
    // no zone from the browser: the country's
    assertThat(second.timeZone()).isEqualTo(SAO_PAULO);
    assertThat(http.get(location(byTransfer) + "?lang=pt-BR", "pt-BR").body()).contains("Sua vaga está reservada")
        .contains(Money.of("297.00", "BRL").format(Locale.forLanguageTag("pt-BR"))).contains("dados bancários").doesNotContain("/courses/pay/");

    Map<String, String> gratis = person(free.code(), unique("gratis"));
    HttpResponse<String> freeSeat = enroll(new EscalaHttpClient("http://localhost:" + port), gratis, "en");
    assertThat(http.get(location(freeSeat) + "?lang=en", "en").body()).contains("Your seat is confirmed!")
        .doesNotContain("/courses/pay/");
  }

  @Test
  void enrollingTwiceGivesOneCaseAndThePageSaysSo() {
    Map<String, String> fields = person(free.code(), unique("dos-veces"));
    HttpResponse<String> first = enroll(http, fields, "es");
    // The same person from another browser, with the e-mail in capitals.
    Map<String, String> again = new LinkedHashMap<>(fields);
    again.put("email", fields.get("email").toUpperCase(Locale.ROOT));
    EscalaHttpClient other = new EscalaHttpClient("http://localhost:" + port);
    HttpResponse<String> second = enroll(other, again, "es");
    assertThat(second.statusCode()).isEqualTo(302);
    // The same enrollment (the tokens differ by their signing second, not by what they name).
    assertThat(links.verifyStatus(token(second)).subject()).isEqualTo(links.verifyStatus(token(first)).subject());
    assertThat(other.get(location(second) + "?lang=es", "es").body()).contains("Ya te habías inscrito en esta fecha")
        .contains("¡Tu lugar está confirmado!");
    // The notice belongs to that redirect only.
    assertThat(other.get(location(second) + "?lang=es", "es").body()).doesNotContain("Ya te habías inscrito");
    assertThat(casesOf(free.code(), fields.get("email"))).isEqualTo(1);
    assertThat(rowsOf(fields.get("email"))).isEqualTo(1);
  }

  @Test
  void aFullCohortPutsPeopleOnTheWaitlistWithTheirPositionAndAFreedSeatIsOfferedToTheFirst() {
    Cohort two = cohort("two-" + slug, 3, MEXICO, 1, null, null);
    HttpResponse<String> seat = enroll(new EscalaHttpClient("http://localhost:" + port),
        person(two.code(), unique("primera")), "es");
    HttpResponse<String> firstWaiting = enroll(new EscalaHttpClient("http://localhost:" + port),
        person(two.code(), unique("segunda")), "es");
    HttpResponse<String> secondWaiting = enroll(new EscalaHttpClient("http://localhost:" + port),
        person(two.code(), unique("tercera")), "pt-BR");
    assertThat(http.get(location(seat) + "?lang=es", "es").body()).contains("¡Tu lugar está confirmado!");
    assertThat(http.get(location(firstWaiting) + "?lang=es", "es").body()).contains("Estás en la lista de espera")
        .contains("Tienes el lugar 1 en la lista de espera.");
    assertThat(http.get(location(secondWaiting) + "?lang=pt-BR", "pt-BR").body())
        .contains("Você está na posição 2 da lista de espera.");

    // Staff raise the capacity: the first on the waitlist is offered the seat, and takes it through the offer link.
    EscalaHttpClient admin = staffOf(EnrollmentFeature.COURSE_ADMINS);
    String form = admin.get("/staff/courses/" + slug + "/cohorts/" + two.code(), "es").body();
    Map<String, String> cohortForm = cohortFields(two.code(), 2);
    HttpResponse<String> saved = admin.postForm("/staff/courses/" + slug + "/cohorts", cohortForm, form);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    assertThat(admin.get("/staff/courses", "es").body()).contains("Se ofreció 1 cupo libre a la lista de espera.");
    Enrollment offered = enrollments.ofCohort(two.id()).stream()
        .filter(e -> e.status() == Enrollment.Status.OFFERED).findFirst().orElseThrow();
    assertThat(offered.email()).startsWith("segunda-");
    String offerPath = links.offer(offered).replaceFirst("^https?://[^/]+", "");
    HttpResponse<String> offerPage = http.get(offerPath + "?lang=es", "es");
    assertThat(offerPage.statusCode()).isEqualTo(200);
    assertThat(offerPage.body()).contains("Se liberó un cupo para ti").contains("Tomar el cupo");
    HttpResponse<String> taken = http.postForm(offerPath, Map.of(), offerPage.body());
    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(302);
    assertThat(enrollments.require(offered.key()).status()).isEqualTo(Enrollment.Status.RESERVED);
    assertThat(http.get(location(taken) + "?lang=es", "es").body()).contains("¡Tu lugar está confirmado!");
    // The offer link again: the seat is already theirs.
    assertThat(http.get(offerPath + "?lang=es", "es").body()).contains("Ya tomaste este cupo");

    // One more seat: the next in line is offered it, lets the offer run out, and the link says the offer has gone.
    admin.postForm("/staff/courses/" + slug + "/cohorts", cohortFields(two.code(), 3), form);
    Enrollment next = enrollments.ofCohort(two.id()).stream()
        .filter(e -> e.status() == Enrollment.Status.OFFERED).findFirst().orElseThrow();
    assertThat(next.email()).startsWith("tercera-");
    String nextOffer = links.offer(next).replaceFirst("^https?://[^/]+", "");
    moveClock(Duration.ofHours(25));
    HttpResponse<String> gone = http.get(nextOffer + "?lang=pt-BR", "pt-BR");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("Esta oferta não está mais disponível");
  }

  @Test
  void aForgedOrExpiredLinkGetsAClearPageNotAnError() {
    HttpResponse<String> forged = http.get("/courses/enrollment/not-a-token", "es");
    assertThat(forged.statusCode()).isEqualTo(404);
    assertThat(forged.body()).contains("Este enlace no es válido");
    HttpResponse<String> forgedOffer = http.get("/courses/offer/abc.def", "pt-BR");
    assertThat(forgedOffer.statusCode()).isEqualTo(404);
    assertThat(forgedOffer.body()).contains("Este link não é válido");

    HttpResponse<String> posted = enroll(http, person(free.code(), unique("vencido")), "en");
    String statusPath = location(posted);
    moveClock(Duration.ofDays(91));
    HttpResponse<String> expired = http.get(statusPath, "en");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("This link has expired");
  }

  // --- the staff page -----------------------------------------------------------------------------------------------

  @Test
  void theStaffPageIsForCourseAdminsAndCustomerSuccessOnly() {
    HttpResponse<String> anonymous = http.get("/staff/courses");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(staffOf("sales").get("/staff/courses").statusCode()).isEqualTo(403);
    assertThat(staffOf("success").get("/staff/courses").statusCode()).isEqualTo(200);
    String page = staffOf(EnrollmentFeature.COURSE_ADMINS).get("/staff/courses", "en").body();
    assertThat(page).contains("Courses").contains(course.title()).contains(paid.code()).contains("0 / 20")
        .contains("Taken / capacity").contains("href=\"/staff/courses\"");
  }

  @Test
  void courseAdminsCreateCoursesAndCohortsAndSeeWhatIsWrongWithADraft() {
    EscalaHttpClient admin = staffOf(EnrollmentFeature.COURSE_ADMINS);
    String newCourse = admin.get("/staff/courses/new", "es").body();
    Map<String, String> bad = new LinkedHashMap<>(Map.of("slug", "Con Espacios", "title", "Nuevo", "summary", "",
        "language", "es", "kind", "COURSE", "lessons", "4"));
    HttpResponse<String> refused = admin.postForm("/staff/courses", bad, newCourse);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("La dirección (slug) debe tener minúsculas");

    String newSlug = slug + "-nuevo";
    Map<String, String> good = new LinkedHashMap<>(bad);
    good.put("slug", newSlug);
    good.put("title", "Automatiza tu escuela");
    good.put("published", "true");
    assertThat(admin.postForm("/staff/courses", good, newCourse).statusCode()).isEqualTo(302);
    Course created = catalog.course(newSlug).orElseThrow();
    assertThat(created.title()).isEqualTo("Automatiza tu escuela");

    String cohortPage = admin.get("/staff/courses/" + newSlug + "/cohorts/new", "pt-BR").body();
    Map<String, String> cohort = cohortFields(newSlug + "-1", 15);
    cohort.put("free", "false");
    cohort.put("price", "1490,5");
    cohort.put("currency", "CLP");
    HttpResponse<String> clp = admin.postForm("/staff/courses/" + newSlug + "/cohorts", cohort, cohortPage);
    assertThat(clp.statusCode()).isEqualTo(400);
    assertThat(clp.body()).contains("el peso chileno no tiene");
    cohort.put("price", "1490.50");
    cohort.put("currency", "MXN");
    cohort.put("joinUrl", "https://meet.jit.si/nuevo");
    assertThat(admin.postForm("/staff/courses/" + newSlug + "/cohorts", cohort, cohortPage).statusCode())
        .isEqualTo(302);
    Cohort saved = catalog.cohort(newSlug + "-1").orElseThrow();
    assertThat(saved.price()).isEqualTo(Money.of("1490.50", "MXN"));
    assertThat(saved.capacity()).isEqualTo(15);
    assertThat(saved.timeZone()).isEqualTo(MEXICO);
    assertThat(saved.startsAt()).isEqualTo(startIn(3, MEXICO));
    assertThat(saved.isLive()).isTrue();
    // The cohort's enrollments page.
    assertThat(admin.get("/staff/courses/" + newSlug + "/cohorts/" + saved.code() + "/enrollments", "es").body())
        .contains("Todavía nadie se inscribió.").contains("0 de 15 lugares ocupados");
  }

  /** The staff cohort form: three weeks from now at 18:00 Mexico City, a month long, free. */
  static Map<String, String> cohortFields(String code, int capacity) {
    Instant start = startIn(3, MEXICO);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("timeZone", "America/Mexico_City");
    fields.put("startsAt", start.atZone(MEXICO).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString());
    fields.put("endsAt", start.plus(Duration.ofDays(30)).atZone(MEXICO).toLocalDateTime()
        .truncatedTo(ChronoUnit.MINUTES).toString());
    fields.put("capacity", String.valueOf(capacity));
    fields.put("free", "true");
    fields.put("price", "");
    fields.put("currency", "MXN");
    fields.put("joinUrl", "");
    fields.put("replayUrl", "");
    fields.put("enrollmentOpen", "true");
    return fields;
  }
}
