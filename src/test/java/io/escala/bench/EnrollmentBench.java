package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.PostgresInitializer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Course enrollment under load on PostgreSQL: 50 browsers (each its own session and CSRF token) post the public
 * enrollment form of one paid cohort again and again with new e-mails, and the time from sending the POST to
 * receiving its redirect to the status page (the seat is reserved and the case started by then) is measured. One
 * cohort for everyone is the hot case: every reservation updates the same cohort row ({@code -Dbench.cohorts=50}
 * spreads the clients over 50 cohorts, to tell that row's lock from the rest). The job executor is off by
 * default ({@code -Dbench.jobs=true} turns it on), so the figure is the request itself, not the case's later steps
 * sharing the two cores. Run with {@code ./mvnw -Pbench verify -Dit.test=EnrollmentBench} (needs POSTGRES_TEST_URL);
 * results in target/bench/enrollment.txt.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "escala.security.link-secret=bench-secret",
    "escala.security.seed-demo-staff=false",
    // one address sends every request: the per-client limit would refuse the benchmark, not a spammer
    "escala.security.public-form-rate-limit.requests-per-minute=1000000",
    "escala.enrollment.sample-catalog=false",
    "escala.llm.api-key=",
    "spring.mail.host=",
    "camunda.bpm.job-execution.enabled=${bench.jobs:false}",
    "logging.level.io.escala=WARN",
    "logging.level.org.camunda=WARN"
})
@ContextConfiguration(initializers = PostgresInitializer.class)
class EnrollmentBench {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 50);
  private static final int ENROLLMENTS = Integer.getInteger("bench.enrollments", 2_000);
  private static final int WARM_UP = 200;
  /** 1: everyone enrolls in one cohort (the hot row); more: client c enrolls in cohort c mod this. */
  private static final int COHORTS = Integer.getInteger("bench.cohorts", 1);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired io.escala.enrollment.CourseCatalog catalog;

  @Test
  void enrollmentPostToSeatReserved() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    ZoneId mexico = ZoneId.of("America/Mexico_City");
    var course = catalog.save(new io.escala.enrollment.CourseCatalog.CourseDraft("bench-" + run, "Bench " + run,
        "Load", java.util.Locale.forLanguageTag("es"), io.escala.enrollment.Course.Kind.COURSE, null, 6, true));
    Instant start = Instant.now().atZone(mexico).toLocalDate().plusWeeks(4).atTime(LocalTime.of(18, 0))
        .atZone(mexico).toInstant();
    List<io.escala.enrollment.Cohort> cohorts = new ArrayList<>();
    for (int i = 0; i < COHORTS; i++) {
      cohorts.add(catalog.save(new io.escala.enrollment.CourseCatalog.CohortDraft(course.id(), "bench-" + run + "-" + i,
          start, start.plusSeconds(30L * 24 * 3600), mexico, WARM_UP + ENROLLMENTS,
          io.escala.payments.Money.of("1490.00", "MXN"), null, null, true)));
    }
    List<EscalaHttpClient> browsers = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      EscalaHttpClient browser = new EscalaHttpClient("http://localhost:" + port);
      HttpResponse<String> page = browser.get("/courses/" + course.slug() + "?tz=America/Mexico_City", "es");
      assertThat(page.statusCode()).isEqualTo(200);
      browsers.add(browser);
      pages.add(page.body());
    }
    AtomicInteger next = new AtomicInteger();
    // Warm-up: templates, JIT, the statement caches, the connection pool.
    timed(browsers, pages, course.slug(), cohorts, run, next, WARM_UP);
    long wallStart = System.nanoTime();
    long[] micros = timed(browsers, pages, course.slug(), cohorts, run, next, ENROLLMENTS);
    double seconds = (System.nanoTime() - wallStart) / 1e9;

    List<Long> ids = cohorts.stream().map(io.escala.enrollment.Cohort::id).toList();
    assertThat(jdbc.sql("SELECT SUM(seats_taken) FROM course_cohort WHERE id IN (:ids)").param("ids", ids)
        .query(Long.class).single()).isEqualTo(WARM_UP + ENROLLMENTS);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM course_enrollment WHERE cohort_id IN (:ids) AND status = 'RESERVED'")
        .param("ids", ids).query(Long.class).single()).isEqualTo(WARM_UP + ENROLLMENTS);
    Arrays.sort(micros);
    String report = String.format("%s enrollment POST -> seat reserved (302 received), %d clients, %,d enrollments"
            + " after %d warm-up, %d cohort(s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f enrollments/s"
            + " (job executor %s; load average %.1f)%n",
        Instant.now(), CLIENTS, ENROLLMENTS, WARM_UP, COHORTS, percentile(micros, 0.50), percentile(micros, 0.95),
        percentile(micros, 0.99), micros[micros.length - 1] / 1000.0, ENROLLMENTS / seconds,
        Boolean.getBoolean("bench.jobs") ? "on" : "off",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.print(report);
    Path out = Path.of("target", "bench", "enrollment.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    // p50, not p99: the build machine's two cores are shared, and its tail says more about the neighbours.
    assertThat(percentile(micros, 0.50)).as("p50 of an enrollment POST under %d clients", CLIENTS).isLessThan(1000);
  }

  /** {@code count} enrollments from all browsers at once; each one's latency in microseconds. */
  private long[] timed(List<EscalaHttpClient> browsers, List<String> pages, String slug,
      List<io.escala.enrollment.Cohort> cohorts, String run, AtomicInteger next, int count) throws Exception {
    long[] micros = new long[count];
    AtomicInteger done = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(browsers.size());
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < browsers.size(); c++) {
        EscalaHttpClient browser = browsers.get(c);
        String page = pages.get(c);
        String cohortCode = cohorts.get(c % cohorts.size()).code();
        clients.add(pool.submit(() -> {
          go.await();
          for (int slot = done.getAndIncrement(); slot < count; slot = done.getAndIncrement()) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("cohort", cohortCode);
            fields.put("name", "Persona " + run);
            fields.put("email", "bench-" + run + "-" + next.getAndIncrement() + "@alumnos.example");
            fields.put("country", "MX");
            fields.put("method", "CARD");
            fields.put("consent", "true");
            fields.put("zone", "America/Mexico_City");
            fields.put("language", "es");
            fields.put("website", "");
            long begin = System.nanoTime();
            HttpResponse<String> response = browser.postForm("/courses/" + slug, fields, page);
            micros[slot] = (System.nanoTime() - begin) / 1_000;
            if (response.statusCode() != 302
                || !response.headers().firstValue("Location").orElse("").contains("/courses/enrollment/")) {
              throw new AssertionError("enrollment answered " + response.statusCode() + ": " + response.body());
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> client : clients) {
        client.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return micros;
  }

  private static double percentile(long[] sortedMicros, double fraction) {
    int index = (int) Math.ceil(sortedMicros.length * fraction) - 1;
    return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
  }
}
