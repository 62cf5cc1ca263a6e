package io.escala.leads;

import io.escala.support.MigratedTestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.leads.MarketingFrequencyCap.Decision;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketingFrequencyCapTest {

  private static final Instant MONDAY = Instant.parse("2025-03-17T12:00:00Z");

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("deliverytest");
  private final MarketingFrequencyCap cap = new MarketingFrequencyCap(
      database.jdbc, database.transactionManager, new NurtureProperties(
          LocalTime.of(9, 0), LocalTime.of(17, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 3,
          List.of(Duration.ofDays(2)), Duration.ofDays(45)));

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  @Test
  void theFourthMarketingMailWithinSevenDaysIsCapped() {
    assertThat(cap.tryReserve("ana@example.com", "nurture-1", MONDAY)).isEqualTo(Decision.RESERVED);
    assertThat(cap.tryReserve("ana@example.com", "webinar-invite", MONDAY.plus(Duration.ofDays(1))))
        .isEqualTo(Decision.RESERVED);
    assertThat(cap.tryReserve("ana@example.com", "nurture-2", MONDAY.plus(Duration.ofDays(2))))
        .isEqualTo(Decision.RESERVED);

    assertThat(cap.tryReserve("ana@example.com", "nurture-3", MONDAY.plus(Duration.ofDays(3))))
        .isEqualTo(Decision.CAPPED);
    assertThat(cap.tryReserve("bruno@example.com", "nurture-1b", MONDAY)).isEqualTo(Decision.RESERVED);
  }

  @Test
  void aSlotFreesSevenDaysAfterTheSendThatHeldIt() {
    for (int day = 0; day < 3; day++) {
      cap.tryReserve("ana@example.com", "key-" + day, MONDAY.plus(Duration.ofDays(day)));
    }
    Instant tooEarly = MONDAY.plus(Duration.ofDays(7)).minusSeconds(1);

    assertThat(cap.capFreesAt("ana@example.com", tooEarly)).isEqualTo(MONDAY.plus(Duration.ofDays(7)));
    assertThat(cap.tryReserve("ana@example.com", "key-3", tooEarly)).isEqualTo(Decision.CAPPED);
    assertThat(cap.tryReserve("ana@example.com", "key-3", MONDAY.plus(Duration.ofDays(7))))
        .isEqualTo(Decision.RESERVED);
    assertThat(cap.capFreesAt("bruno@example.com", MONDAY)).isEqualTo(MONDAY);
  }

  @Test
  void aRetriedJobWithTheSameKeyKeepsItsSlotEvenWhenCapped() {
    for (int i = 0; i < 3; i++) {
      cap.tryReserve("ana@example.com", "key-" + i, MONDAY);
    }

    assertThat(cap.tryReserve("ana@example.com", "key-2", MONDAY.plusSeconds(60))).isEqualTo(Decision.ALREADY_RESERVED);
    assertThat(count("ana@example.com")).isEqualTo(3);
  }

  @Test
  void theAddressIsNormalisedLikeALeadKey() {
    cap.tryReserve("Ana@Example.com ", "key-1", MONDAY);
    cap.tryReserve("ana@example.com", "key-2", MONDAY);
    cap.tryReserve("ANA@EXAMPLE.COM", "key-3", MONDAY);

    assertThat(cap.tryReserve("ana@example.com", "key-4", MONDAY)).isEqualTo(Decision.CAPPED);
  }

  @Test
  void aReleasedSlotCanBeTakenAgain() {
    for (int i = 0; i < 3; i++) {
      cap.tryReserve("ana@example.com", "key-" + i, MONDAY);
    }
    cap.release("key-1");

    assertThat(cap.tryReserve("ana@example.com", "key-3", MONDAY)).isEqualTo(Decision.RESERVED);
  }

  @Test
  void forgettingAContactRemovesItsSends() {
    cap.tryReserve("ana@example.com", "key-1", MONDAY);

    cap.forget("ana@example.com");

    assertThat(count("ana@example.com")).isZero();
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM marketing_contact").query(Long.class).single()).isZero();
  }

  @Test
  void concurrentJobsForOneAddressNeverReserveMoreThanTheCap() throws Exception {
    int jobs = 12;
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Decision>> results = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        String key = "race-" + i;
        Callable<Decision> job = () -> {
          start.await();
          return cap.tryReserve("ana@example.com", key, MONDAY);
        };
        results.add(pool.submit(job));
      }
      start.countDown();
      List<Decision> decisions = new ArrayList<>();
      for (Future<Decision> result : results) {
        decisions.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(decisions).filteredOn(Decision.RESERVED::equals).hasSize(3);
      assertThat(decisions).filteredOn(Decision.CAPPED::equals).hasSize(jobs - 3);
      assertThat(count("ana@example.com")).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRetriesOfOneJobReserveOneSlot() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Decision>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return cap.tryReserve("ana@example.com", "same-job", MONDAY);
        }));
      }
      start.countDown();
      List<Decision> decisions = new ArrayList<>();
      for (Future<Decision> result : results) {
        decisions.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(decisions)
          .containsOnlyOnce(Decision.RESERVED)
          .containsOnly(Decision.RESERVED, Decision.ALREADY_RESERVED);
      assertThat(count("ana@example.com")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private long count(String email) {
    return database.jdbc.sql("SELECT COUNT(*) FROM marketing_send WHERE email = :email")
        .param("email", email)
        .query(Long.class)
        .single();
  }
}
