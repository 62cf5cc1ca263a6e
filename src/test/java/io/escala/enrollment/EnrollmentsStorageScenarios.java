package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.escala.enrollment.CourseCatalog.CatalogException;
import io.escala.enrollment.CourseCatalog.CohortDraft;
import io.escala.enrollment.CourseCatalog.CourseDraft;
import io.escala.enrollment.Enrollment.Status;
import io.escala.enrollment.Enrollments.Accepted;
import io.escala.enrollment.Enrollments.EnrollOutcome;
import io.escala.enrollment.Enrollments.EnrollmentRequest;
import io.escala.enrollment.Enrollments.Refusal;
import io.escala.enrollment.Enrollments.Refused;
import io.escala.payments.Money;
import io.escala.platform.CaseMessages;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Enrollments against a real database, on H2 and PostgreSQL: seats up to capacity and no further, the waitlist in
 * arrival order, a freed seat offered to the next person in the transaction that frees it, payments that beat a
 * timeout, access ended by a refund, progress that only moves forward, and a parallel rush.
 */
abstract class EnrollmentsStorageScenarios {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");

  private final MigratedTestDatabase database = database();
  private final MutableClock clock = new MutableClock(NOW);
  // unique per test: the PostgreSQL database is shared by the whole test JVM
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final RuntimeService runtime = mock(RuntimeService.class);
  private final CaseMessages caseMessages = mock(CaseMessages.class);
  private final EnrollmentProperties properties = new EnrollmentProperties(Duration.ofHours(48),
      Duration.ofHours(72), Duration.ofHours(24), List.of(Duration.ofDays(7)), Duration.ofHours(2),
      Duration.ofDays(7), 2);
  private final CourseCatalog catalog = transactional(new CourseCatalog(database.jdbc, clock));
  private final Enrollments enrollments = transactional(new Enrollments(database.jdbc, catalog, runtime,
      caseMessages, properties, clock, database.transactionManager, true, true));

  abstract MigratedTestDatabase database();

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void seatsGoUntilTheCohortIsFullThenTheWaitlistKeepsArrivalOrder() {
    Cohort cohort = cohort(2, Money.of("1500", "MXN"));

    List<Enrollment> all = new ArrayList<>();
    for (String who : List.of("ana", "bruno", "carla", "diego")) {
      all.add(accepted(enrollments.enroll(request(cohort, who, PaymentMethod.CARD))).enrollment());
    }

    assertThat(all).extracting(Enrollment::status)
        .containsExactly(Status.RESERVED, Status.RESERVED, Status.WAITLISTED, Status.WAITLISTED);
    assertThat(all.get(0).holdsSeat()).isTrue();
    assertThat(all.get(0).paymentDueAt()).isEqualTo(NOW.plus(Duration.ofHours(48)));
    assertThat(all.get(2).holdsSeat()).isFalse();
    assertThat(all.subList(2, 4)).extracting(enrollments::waitlistPosition).containsExactly(1, 2);
    assertThat(catalog.cohort(cohort.id()).orElseThrow().seatsTaken()).isEqualTo(2);
    verify(runtime, times(4)).startProcessInstanceByKey(eq(Enrollments.PROCESS_KEY), anyString(), anyMap());
    verify(runtime).startProcessInstanceByKey(Enrollments.PROCESS_KEY, cohort.code() + ":" + email("ana"),
        Map.of("enrollmentKey", all.get(0).key()));
  }

  @Test
  void enrollingTwiceGivesTheSameEnrollmentAndOneCase() {
    Cohort cohort = cohort(5, null);
    Enrollment first = accepted(enrollments.enroll(request(cohort, "ana", null))).enrollment();

    Accepted again = accepted(enrollments.enroll(new EnrollmentRequest(cohort.code(),
        "  " + email("ana").toUpperCase(Locale.ROOT) + " ", "Ana", Locale.forLanguageTag("es"), "MX", MEXICO, null)));

    assertThat(again.again()).isTrue();
    assertThat(again.enrollment().key()).isEqualTo(first.key());
    assertThat(first.paymentMethod()).isNull();
    assertThat(first.paymentDueAt()).as("free: nothing to pay").isNull();
    verify(runtime, times(1)).startProcessInstanceByKey(anyString(), anyString(), anyMap());
  }

  @Test
  void refusalsWriteNothing() {
    Cohort paidInPesos = cohort(5, Money.of("1500", "MXN"));
    Cohort closed = catalog.save(draft(paidInPesos.courseId(), "closed-" + suffix, 5, null, false));

    assertThat(enrollments.enroll(new EnrollmentRequest("nope-" + suffix, email("ana"), "Ana",
        Locale.forLanguageTag("es"), "MX", MEXICO, null))).isEqualTo(new Refused(Refusal.NO_SUCH_COHORT));
    assertThat(enrollments.enroll(request(closed, "ana", null))).isEqualTo(new Refused(Refusal.CLOSED));
    assertThat(enrollments.enroll(request(paidInPesos, "ana", null))).isEqualTo(new Refused(Refusal.METHOD_NEEDED));
    assertThat(enrollments.enroll(request(paidInPesos, "ana", PaymentMethod.PIX)))
        .isEqualTo(new Refused(Refusal.PIX_NEEDS_BRL));
    clock.advance(Duration.ofDays(30));
    assertThat(enrollments.enroll(request(paidInPesos, "ana", PaymentMethod.CARD)))
        .as("started").isEqualTo(new Refused(Refusal.CLOSED));

    assertThat(enrollments.ofEmail(email("ana"))).isEmpty();
    verify(runtime, never()).startProcessInstanceByKey(anyString(), anyString(), anyMap());
  }

  @Test
  void aReleasedSeatIsOfferedToTheFirstOnTheWaitlistAtOnce() {
    Cohort cohort = cohort(1, Money.of("290.50", "BRL"));
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", PaymentMethod.PIX))).enrollment();
    Enrollment bruno = accepted(enrollments.enroll(request(cohort, "bruno", PaymentMethod.CARD))).enrollment();
    Enrollment carla = accepted(enrollments.enroll(request(cohort, "carla", PaymentMethod.CARD))).enrollment();

    assertThat(enrollments.release(ana.key(), "PAYMENT_TIMEOUT")).isTrue();

    assertThat(enrollments.require(ana.key()).status()).isEqualTo(Status.RELEASED);
    assertThat(enrollments.require(ana.key()).holdsSeat()).isFalse();
    Enrollment offered = enrollments.require(bruno.key());
    assertThat(offered.status()).isEqualTo(Status.OFFERED);
    assertThat(offered.offerExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    assertThat(enrollments.waitlistPosition(enrollments.require(carla.key()))).isEqualTo(1);
    assertThat(catalog.cohort(cohort.id()).orElseThrow().seatsTaken()).isEqualTo(1);
    verify(caseMessages).send(Enrollments.SEAT_OFFERED, bruno.businessKey());
    // a newcomer finds the cohort full: the freed seat went to the waitlist first
    assertThat(accepted(enrollments.enroll(request(cohort, "diego", PaymentMethod.CARD))).enrollment().status())
        .isEqualTo(Status.WAITLISTED);
    assertThat(enrollments.release(ana.key(), "PAYMENT_TIMEOUT")).as("once").isFalse();
  }

  @Test
  void anOfferTakenInTimeBecomesAReservationAndALateOneDoesNot() {
    Cohort cohort = cohort(1, Money.of("1500", "MXN"));
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", PaymentMethod.CARD))).enrollment();
    Enrollment bruno = accepted(enrollments.enroll(request(cohort, "bruno", PaymentMethod.TRANSFER))).enrollment();
    Enrollment carla = accepted(enrollments.enroll(request(cohort, "carla", PaymentMethod.CARD))).enrollment();
    enrollments.release(ana.key(), "PAYMENT_TIMEOUT");

    clock.advance(Duration.ofHours(2));
    assertThat(enrollments.acceptOffer(bruno.key())).isTrue();

    Enrollment reserved = enrollments.require(bruno.key());
    assertThat(reserved.status()).isEqualTo(Status.RESERVED);
    assertThat(reserved.paymentDueAt()).as("transfer time").isEqualTo(NOW.plus(Duration.ofHours(74)));
    verify(caseMessages).send(Enrollments.OFFER_ACCEPTED, bruno.businessKey());

    enrollments.release(bruno.key(), "PAYMENT_TIMEOUT");
    clock.advance(Duration.ofHours(25));
    assertThat(enrollments.acceptOffer(carla.key())).as("expired").isFalse();
    assertThat(enrollments.require(carla.key()).status()).isEqualTo(Status.OFFERED);
  }

  @Test
  void aPaymentThatArrivedFirstKeepsTheSeatAgainstTheTimeout() {
    Cohort cohort = cohort(1, Money.of("1500", "MXN"));
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", PaymentMethod.CARD))).enrollment();

    assertThat(enrollments.paymentConfirmed(ana.key(), null)).isTrue();
    assertThat(enrollments.paymentConfirmed(ana.key(), null)).as("counted once").isFalse();

    assertThat(enrollments.release(ana.key(), "PAYMENT_TIMEOUT")).isFalse();
    assertThat(enrollments.require(ana.key()).status()).isEqualTo(Status.RESERVED);
    verify(caseMessages, times(1)).send(Enrollments.PAYMENT_CONFIRMED, ana.businessKey());
  }

  @Test
  void aConfirmedTransferIsKeptWithItsReferenceAndSendsNoMessage() {
    Cohort cohort = cohort(1, Money.of("1500", "MXN"));
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", PaymentMethod.TRANSFER))).enrollment();

    assertThat(enrollments.paymentConfirmed(ana.key(), "BBVA-778812")).isTrue();

    assertThat(enrollments.require(ana.key()).transferReference()).isEqualTo("BBVA-778812");
    verify(caseMessages, never()).send(anyString(), anyString());
  }

  @Test
  void aRefundEndsAccessAndGivesTheSeatToTheWaitlist() {
    Cohort cohort = cohort(1, Money.of("1500", "MXN"));
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", PaymentMethod.CARD))).enrollment();
    Enrollment bruno = accepted(enrollments.enroll(request(cohort, "bruno", PaymentMethod.CARD))).enrollment();
    enrollments.paymentConfirmed(ana.key(), null);
    assertThat(enrollments.enrolled(ana.key(), "lms-7").status()).isEqualTo(Status.ENROLLED);

    assertThat(enrollments.endAccess(ana.key(), "REFUNDED")).isTrue();
    assertThat(enrollments.endAccess(ana.key(), "REFUNDED")).as("once").isFalse();

    Enrollment ended = enrollments.require(ana.key());
    assertThat(ended.status()).isEqualTo(Status.ACCESS_ENDED);
    assertThat(ended.hasAccess()).isFalse();
    assertThat(ended.endedReason()).isEqualTo("REFUNDED");
    assertThat(enrollments.require(bruno.key()).status()).isEqualTo(Status.OFFERED);
    verify(caseMessages).send(Enrollments.ACCESS_REVOKED, ana.businessKey(), Map.of("accessEndedReason", "REFUNDED"));
  }

  @Test
  void progressOnlyMovesForwardAndEachMilestoneIsAnnouncedOnce() {
    Cohort cohort = cohort(3, null);
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", null))).enrollment();
    assertThat(enrollments.recordProgress(ana.key(), 30)).as("not enrolled yet").isFalse();
    enrollments.enrolled(ana.key(), null);

    assertThat(enrollments.recordProgress(ana.key(), 30)).isTrue();
    assertThat(enrollments.claimMilestone(ana.key())).hasValue(25);
    assertThat(enrollments.claimMilestone(ana.key())).isEmpty();
    assertThat(enrollments.recordProgress(ana.key(), 20)).as("a late, lower report").isFalse();
    assertThat(enrollments.recordProgress(ana.key(), 80)).isTrue();
    assertThat(enrollments.claimMilestone(ana.key())).as("50 is passed over").hasValue(75);
    assertThat(enrollments.require(ana.key()).progressPercent()).isEqualTo(80);
    verify(caseMessages, times(2)).send(Enrollments.PROGRESS_RECORDED, ana.businessKey());
    assertThatThrownBy(() -> enrollments.recordProgress(ana.key(), 101)).isInstanceOf(IllegalArgumentException.class);

    enrollments.recordProgress(ana.key(), 100);
    enrollments.completed(ana.key(), "CERT-1");
    assertThat(enrollments.require(ana.key()).status()).isEqualTo(Status.COMPLETED);
    assertThat(enrollments.require(ana.key()).certificateCode()).isEqualTo("CERT-1");
    assertThat(enrollments.recordAttendance(ana.key())).isTrue();
    assertThat(enrollments.recordAttendance(ana.key())).as("the first time counts").isFalse();
  }

  @Test
  void raisingTheCapacityOffersTheNewSeatsToTheWaitlistAndLoweringBelowSeatsTakenIsRefused() {
    Cohort cohort = cohort(1, null);
    accepted(enrollments.enroll(request(cohort, "ana", null)));
    Enrollment bruno = accepted(enrollments.enroll(request(cohort, "bruno", null))).enrollment();
    Enrollment carla = accepted(enrollments.enroll(request(cohort, "carla", null))).enrollment();

    catalog.save(draft(cohort.courseId(), cohort.code(), 2, null, true));
    assertThat(enrollments.offerFreeSeats(cohort.id())).isEqualTo(1);

    assertThat(enrollments.require(bruno.key()).status()).isEqualTo(Status.OFFERED);
    assertThat(enrollments.require(carla.key()).status()).isEqualTo(Status.WAITLISTED);
    assertThatThrownBy(() -> catalog.save(draft(cohort.courseId(), cohort.code(), 1, null, true)))
        .isInstanceOfSatisfying(CatalogException.class, refused ->
            assertThat(refused.messageKey()).isEqualTo("enrollment.catalog.error.capacity-below-seats"));
    assertThat(catalog.cohort(cohort.id()).orElseThrow().capacity()).isEqualTo(2);
  }

  @Test
  void erasingAPersonDeletesTheirEnrollmentsAndGivesTheirSeatToTheWaitlist() {
    Cohort cohort = cohort(1, null);
    Enrollment ana = accepted(enrollments.enroll(request(cohort, "ana", null))).enrollment();
    Enrollment bruno = accepted(enrollments.enroll(request(cohort, "bruno", null))).enrollment();

    assertThat(enrollments.erase(email("ana").toUpperCase(Locale.ROOT))).isEqualTo(1);

    assertThat(enrollments.find(ana.key())).isEmpty();
    assertThat(enrollments.ofEmail(email("ana"))).isEmpty();
    assertThat(enrollments.require(bruno.key()).status()).isEqualTo(Status.OFFERED);
    assertThat(catalog.cohort(cohort.id()).orElseThrow().seatsTaken()).isEqualTo(1);
  }

  @Test
  void aRushTakesExactlyTheSeatsThereAreAndQueuesTheRestInOrder() throws Exception {
    Cohort cohort = cohort(10, null);
    int people = 60;
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CyclicBarrier start = new CyclicBarrier(20);
    List<Future<EnrollOutcome>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < people; i++) {
        String who = "rush" + i;
        outcomes.add(pool.submit(() -> {
          if (started.incrementAndGet() <= start.getParties()) {
            start.await(10, TimeUnit.SECONDS);
          }
          return enrollments.enroll(request(cohort, who, null));
        }));
      }
      for (Future<EnrollOutcome> outcome : outcomes) {
        assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(Accepted.class);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Enrollment> all = enrollments.ofCohort(cohort.id());
    assertThat(all).hasSize(people);
    assertThat(all.stream().filter(Enrollment::holdsSeat)).hasSize(10)
        .allMatch(enrollment -> enrollment.status() == Status.RESERVED);
    List<Enrollment> waiting = all.stream().filter(enrollment -> enrollment.status() == Status.WAITLISTED).toList();
    assertThat(waiting).hasSize(50);
    assertThat(waiting).extracting(enrollments::waitlistPosition)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
    assertThat(catalog.cohort(cohort.id()).orElseThrow().seatsTaken()).isEqualTo(10);
  }

  /** The first 20 submissions meet at a barrier so that they really collide; the rest follow at once. */
  private final AtomicInteger started = new AtomicInteger();

  // ---------------------------------------------------------------------------------------------------------------

  private Cohort cohort(int capacity, Money price) {
    Course course = catalog.save(new CourseDraft("ia-docentes-" + suffix, "IA para docentes", "Un curso.",
        Locale.forLanguageTag("es"), Course.Kind.COURSE, null, 8, true));
    return catalog.save(draft(course.id(), "C-" + suffix, capacity, price, true));
  }

  private CohortDraft draft(long courseId, String code, int capacity, Money price, boolean open) {
    Instant start = NOW.plus(Duration.ofDays(14));
    return new CohortDraft(courseId, code, start, start.plus(Duration.ofHours(2)), MEXICO, capacity, price,
        "https://meet.example.org/ia", null, open);
  }

  private EnrollmentRequest request(Cohort cohort, String who, PaymentMethod method) {
    return new EnrollmentRequest(cohort.code(), email(who), who, Locale.forLanguageTag("es"), "MX", MEXICO, method);
  }

  private String email(String who) {
    return who + "-" + suffix + "@example.com";
  }

  private static Accepted accepted(EnrollOutcome outcome) {
    assertThat(outcome).isInstanceOf(Accepted.class);
    return (Accepted) outcome;
  }

  @SuppressWarnings("unchecked")
  private <T> T transactional(T target) {
    ProxyFactory proxy = new ProxyFactory(target);
    proxy.setProxyTargetClass(true);
    proxy.addAdvice(new TransactionInterceptor(database.transactionManager, new AnnotationTransactionAttributeSource()));
    return (T) proxy.getProxy();
  }
}
