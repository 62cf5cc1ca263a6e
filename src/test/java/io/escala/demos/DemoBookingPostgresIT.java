package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.PostgresInitializer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/**
 * Demo booking on PostgreSQL (POSTGRES_TEST_URL or Testcontainers), plus the race the issue asks for: many visitors
 * booking the same slot of one rep at once. CI fails if skipped.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class DemoBookingPostgresIT extends DemoBookingScenarios {

  private static final int VISITORS = 50;

  /**
   * 50 browsers, each with its own session, CSRF token and form id, send the same slot at the same moment: exactly
   * one booking; every other visitor gets the 409 page saying the time was just taken, with fresh slots. The
   * public-form rate limit is raised for all integration tests (EscalaIntegrationTest), so none is refused for it.
   */
  @Test
  void fiftyParallelBookingsOfOneSlotMakeExactlyOne() throws Exception {
    Instant slot = at(monday.plusDays(1), 10, 30);
    List<EscalaHttpClient> browsers = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < VISITORS; i++) {
      EscalaHttpClient browser = new EscalaHttpClient("http://localhost:" + port);
      HttpResponse<String> page = browser.get("/book-demo?tz=America/Mexico_City", "es");
      assertThat(page.body()).contains("value=\"" + slot + "\"");
      browsers.add(browser);
      pages.add(page.body());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(VISITORS);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < VISITORS; i++) {
        EscalaHttpClient browser = browsers.get(i);
        String page = pages.get(i);
        String email = unique("race" + i);
        answers.add(pool.submit(() -> {
          go.await();
          return postBooking(browser, page, slot, visitor("Carrera", email));
        }));
      }
      go.countDown();
      int booked = 0;
      int taken = 0;
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
        if (response.statusCode() == 302) {
          booked++;
        } else {
          assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
          assertThat(response.body()).contains("Alguien acaba de tomar ese horario").contains("name=\"slot\"");
          taken++;
        }
      }
      assertThat(booked).isEqualTo(1);
      assertThat(taken).isEqualTo(VISITORS - 1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE rep_id = ? AND starts_at = ? AND status = 'BOOKED'")
        .params(REP, slot.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM demo_booking WHERE name = 'Carrera' AND starts_at = ?")
        .params(slot.atOffset(java.time.ZoneOffset.UTC)).query(Long.class).single()).isEqualTo(1);
  }
}
