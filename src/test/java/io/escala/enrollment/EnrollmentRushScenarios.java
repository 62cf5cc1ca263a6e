package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rush the issue asks for: 200 people enroll in a cohort of 20 seats at the same moment, each from a browser of
 * its own (session, CSRF token, distinct e-mail), through the real pages over HTTP. The database decides who gets a
 * seat: exactly 20 hold one, the other 180 are on the waitlist in arrival order, nobody sees an error page, and
 * every one of them has a case.
 */
abstract class EnrollmentRushScenarios extends EscalaIntegrationTest {

  static final int PEOPLE = 200;
  static final int SEATS = 20;

  @Autowired CourseCatalog catalog;
  @Autowired Enrollments enrollments;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  /** Raised for every integration test (EscalaIntegrationTest): all 200 POSTs come from one address. */
  @Value("${escala.security.public-form-rate-limit.requests-per-minute}") int publicFormsPerMinute;

  @Test
  void twoHundredAtOnceForTwentySeatsTakeExactlyTwentyAndQueueTheRestInArrivalOrder() throws Exception {
    assertThat(publicFormsPerMinute).as("the public form rate limit lets the rush through").isGreaterThan(PEOPLE);
    ClockUtil.reset();
    String id = UUID.randomUUID().toString().substring(0, 8);
    ZoneId mexico = ZoneId.of("America/Mexico_City");
    Course course = catalog.save(new CourseCatalog.CourseDraft("rush-" + id, "Prompting en vivo " + id,
        "La clase más pedida.", Locale.forLanguageTag("es"), Course.Kind.WEBINAR, null, 0, true));
    Instant start = Instant.now().atZone(mexico).toLocalDate().plusWeeks(2).atTime(LocalTime.of(18, 0)).atZone(mexico)
        .toInstant();
    Cohort cohort = catalog.save(new CourseCatalog.CohortDraft(course.id(), "rush-" + id, start,
        start.plus(Duration.ofHours(2)), mexico, SEATS, null, "https://meet.jit.si/rush-" + id, null, true));

    List<EscalaHttpClient> browsers = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < PEOPLE; i++) {
      EscalaHttpClient browser = new EscalaHttpClient("http://localhost:" + port);
      HttpResponse<String> page = browser.get("/courses/" + course.slug() + "?tz=America/Mexico_City", "es");
      assertThat(page.statusCode()).isEqualTo(200);
      browsers.add(browser);
      pages.add(page.body());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(PEOPLE);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < PEOPLE; i++) {
        EscalaHttpClient browser = browsers.get(i);
        String page = pages.get(i);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("cohort", cohort.code());
        fields.put("name", "Persona " + i);
        fields.put("email", "rush-" + id + "-" + i + "@alumnos.example");
        fields.put("country", "MX");
        fields.put("consent", "true");
        fields.put("zone", "America/Mexico_City");
        fields.put("language", "es");
        fields.put("website", "");
        answers.add(pool.submit(() -> {
          go.await();
          return browser.postForm("/courses/" + course.slug(), fields, page);
        }));
      }
      go.countDown();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(3, TimeUnit.MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
            location -> assertThat(location).contains("/courses/enrollment/"));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(catalog.cohort(cohort.id()).orElseThrow().seatsTaken()).isEqualTo(SEATS);
    List<Enrollment> all = enrollments.ofCohort(cohort.id());
    assertThat(all).hasSize(PEOPLE);
    List<Enrollment> seated = all.stream().filter(e -> e.status() == Enrollment.Status.RESERVED).toList();
    assertThat(seated).hasSize(SEATS).allSatisfy(e -> assertThat(e.holdsSeat()).isTrue());
    List<Enrollment> waiting = all.stream().filter(e -> e.status() == Enrollment.Status.WAITLISTED).toList();
    assertThat(waiting).hasSize(PEOPLE - SEATS).noneMatch(Enrollment::holdsSeat);
    // ofCohort lists the waitlist in id (arrival) order: its positions are 1..180 in that order.
    assertThat(waiting).isSortedAccordingTo(java.util.Comparator.comparingLong(Enrollment::id));
    for (int i = 0; i < waiting.size(); i++) {
      assertThat(enrollments.waitlistPosition(waiting.get(i))).as("position of " + waiting.get(i).email())
          .isEqualTo(i + 1);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(Enrollments.PROCESS_KEY)
        .processInstanceBusinessKeyLike(cohort.code() + ":%").count()).isEqualTo(PEOPLE);
    assertThat(jdbc.sql("SELECT COUNT(DISTINCT business_key) FROM course_enrollment WHERE cohort_id = ?")
        .param(cohort.id()).query(Long.class).single()).isEqualTo(PEOPLE);
  }
}
