package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route of processes/course-enrollment.bpmn with the clock moved: free, card, Pix, transfer (confirmed, not
 * received, not confirmed in time), payment timeout (and a payment that beats it), waitlist (offer taken, offer lapsed,
 * cohort started), live-session reminders and replay, progress with milestones to the certificate, nudges up to a
 * stalled-learner task, refund. The delegates are recorders over a fake enrollment whose state the test sets.
 */
@Deployment(resources = {"processes/course-enrollment.bpmn",
    "forms/course-confirm-transfer-es.form", "forms/course-confirm-transfer-pt-BR.form",
    "forms/course-confirm-transfer-en.form", "forms/course-stalled-learner-es.form",
    "forms/course-stalled-learner-pt-BR.form", "forms/course-stalled-learner-en.form"})
class CourseEnrollmentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final String KEY = "COHORT-1:ana@example.com";
  private static final List<Duration> REMINDERS = List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1));

  private Instant now;
  private Instant cohortStart;
  /** What readEnrollment reads from the enrollment row; tests change it as the row would change. */
  private final Map<String, Object> row = new HashMap<>();
  private final List<String> sent = new ArrayList<>();
  private boolean released;
  private int progress;
  private int milestoneSent;
  private boolean attended;
  private int nudgesBeforeStall;

  @BeforeEach
  void registerDelegates() {
    moveClockTo(Instant.parse("2026-12-01T12:00:00Z"));
    cohortStart = now.plus(Duration.ofDays(10));
    released = true;
    nudgesBeforeStall = 2;
    row.putAll(Map.of("seat", true, "method", "NONE", "live", false, "course", true));
    Mocks.register("courseTeam", new TeamLanguage());
    Mocks.register("readEnrollment", (JavaDelegate) execution -> {
      execution.setVariables(row);
      execution.setVariable("waitlistEndsAt", Date.from(cohortStart));
      execution.setVariable("offerExpiresAt", Date.from(now.plus(Duration.ofDays(1))));
      execution.setVariable("paymentDueAt", Date.from(now.plus(Duration.ofDays(2))));
      execution.setVariable("nudgeAfter", "P7D");
    });
    Mocks.register("sendCourseMail", (JavaDelegate) execution -> sent.add("mail " + execution.getVariable("mail")));
    Mocks.register("releaseCourseSeat", (JavaDelegate) execution -> {
      sent.add("release " + execution.getVariable("reason"));
      execution.setVariable("released", released);
    });
    Mocks.register("openCourseCheckout", (JavaDelegate) execution -> sent.add("checkout " + execution.getVariable("method")));
    Mocks.register("prepareTransferTask", (JavaDelegate) execution ->
        execution.setVariable("transferLabel", "Ana Souza · 1.500,00 MXN"));
    Mocks.register("confirmCourseTransfer", (JavaDelegate) execution ->
        execution.setVariable("transferConfirmed", "yes".equals(execution.getVariable("transferReceived"))));
    Mocks.register("enrollInLms", (JavaDelegate) execution -> sent.add("lms"));
    Mocks.register("announceCourseEnrollment", (JavaDelegate) execution -> sent.add("lead nurturing"));
    Mocks.register("planSessionReminder", (JavaDelegate) this::planReminder);
    Mocks.register("sendSessionReminder", (JavaDelegate) execution ->
        sent.add("reminder " + execution.getVariable("reminderBefore")));
    Mocks.register("sendCourseReplay", (JavaDelegate) execution -> sent.add(attended ? "no replay" : "replay"));
    Mocks.register("checkCourseProgress", (JavaDelegate) execution -> {
      execution.setVariable("completed", progress >= 100);
      int milestone = 0;
      for (int m : Enrollments.MILESTONES) {
        if (progress >= m && m > milestoneSent) {
          milestone = m;
        }
      }
      milestoneSent = Math.max(milestoneSent, milestone);
      execution.setVariable("milestone", milestone);
      execution.setVariable("nudges", 0);
    });
    Mocks.register("sendCourseMilestone", (JavaDelegate) execution -> sent.add("milestone " + execution.getVariable("milestone")));
    Mocks.register("issueCourseCertificate", (JavaDelegate) execution -> sent.add("certificate"));
    Mocks.register("sendCourseNudge", (JavaDelegate) execution -> {
      int nudges = (execution.getVariable("nudges") instanceof Integer n ? n : 0) + 1;
      execution.setVariable("nudges", nudges);
      execution.setVariable("stalled", nudges >= nudgesBeforeStall);
      sent.add("nudge " + nudges);
    });
    Mocks.register("prepareStalledLearnerTask", (JavaDelegate) execution -> {
      execution.setVariable("learnerLabel", "Ana Souza · IA para docentes");
      execution.setVariable("stallTaskDue", Date.from(now.plus(Duration.ofDays(2))));
    });
    Mocks.register("saveStallOutcome", (JavaDelegate) execution -> {
      execution.setVariable("droppedOut", "droppedOut".equals(execution.getVariable("stallOutcome")));
      execution.setVariable("nudges", 0);
      sent.add("stall " + execution.getVariable("stallOutcome"));
    });
    Mocks.register("tellSuccessAccessEnded", (JavaDelegate) execution -> sent.add("success told"));
  }

  /** Tasklist forms in Spanish in these tests. */
  public static class TeamLanguage {

    public String getFormLanguage() {
      return "es";
    }
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private void planReminder(DelegateExecution execution) {
    for (Duration before : REMINDERS) {
      if (cohortStart.minus(before).isAfter(now)) {
        execution.setVariable("reminderLeft", true);
        execution.setVariable("nextReminderAt", Date.from(cohortStart.minus(before)));
        execution.setVariable("reminderBefore", before.toString());
        return;
      }
    }
    execution.setVariable("reminderLeft", false);
    execution.setVariable("replayAt", Date.from(cohortStart.plus(Duration.ofHours(3))));
  }

  // ---------------------------------------------------------------------------------------------------------------

  @Test
  void aFreeCourseGoesFromSeatToCertificateWithMilestones() {
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(pi).isWaitingAt("WaitForProgress");
    assertThat(sent).containsExactly("lms", "mail WELCOME", "lead nurturing");
    assertThat(pi).hasNotPassed("OpenCheckout", "SendTransferInstructions", "PlanSessionReminder");

    progress(pi, 30);
    assertThat(sent).endsWith("milestone 25");
    progress(pi, 40);
    assertThat(sent).endsWith("milestone 25");
    progress(pi, 80);
    assertThat(sent).endsWith("milestone 75");
    progress(pi, 100);
    assertThat(sent).endsWith("certificate", "mail CERTIFICATE");
    assertThat(pi).hasPassed("LearningDone").isEnded();
    assertThat(sent.stream().filter(line -> line.startsWith("milestone"))).hasSize(2);
  }

  @Test
  void aCardPaymentConfirmedByTheProviderEnrollsAndALiveWebinarIsRemindedWithAReplayForAbsentees() {
    row.putAll(Map.of("method", "CARD", "live", true, "course", false));
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(pi).isWaitingAt("WaitForPayment");
    assertThat(sent).containsExactly("checkout CARD", "mail PAYMENT_REQUESTED");

    runtimeService().correlateMessage(Enrollments.PAYMENT_CONFIRMED, KEY);
    runJobs(pi);
    assertThat(pi).isWaitingAt("ReminderDue");
    assertThat(sent).contains("lms", "mail WELCOME");

    passTimeTo(cohortStart.plus(Duration.ofHours(4)), pi);
    assertThat(sent).containsSubsequence("reminder PT168H", "reminder PT24H", "reminder PT1H", "replay");
    assertThat(pi).hasPassed("SendReplay", "LearningDone").hasNotPassed("WaitForProgress").isEnded();
  }

  @Test
  void aPixPaymentNotMadeInTimeReleasesTheSeat() {
    row.put("method", "PIX");
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(sent).containsExactly("checkout PIX", "mail PAYMENT_REQUESTED");
    passTimeTo(now.plus(Duration.ofDays(2)).plusSeconds(1), pi);
    assertThat(sent).endsWith("release PAYMENT_TIMEOUT", "mail SEAT_RELEASED");
    assertThat(pi).hasPassed("PaymentLapsed").hasNotPassed("EnrollInLms").isEnded();
  }

  @Test
  void aPaymentCountedJustBeforeTheTimeoutKeepsTheSeat() {
    row.putAll(Map.of("method", "PIX", "course", false));
    released = false;
    ProcessInstance pi = enroll();
    runJobs(pi);
    passTimeTo(now.plus(Duration.ofDays(2)).plusSeconds(1), pi);
    assertThat(pi).hasPassed("UnpaidReleased", "EnrollInLms").hasNotPassed("SendSeatReleased");
    assertThat(pi).hasPassed("LearningDone").isEnded();
  }

  @Test
  void aBankTransferConfirmedByStaffEnrolls() {
    row.put("method", "TRANSFER");
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(pi).isWaitingAt("ConfirmTransfer");
    assertThat(task()).hasCandidateGroup("course-admins");
    assertThat(task().getName()).isEqualTo("Confirm transfer: Ana Souza · 1.500,00 MXN");
    assertThat(task().getDueDate()).isEqualTo(Date.from(now.plus(Duration.ofDays(2))));
    complete(task(), withVariables("transferReceived", "yes", "transferReference", "BBVA-778812"));
    runJobs(pi);
    assertThat(sent).containsSubsequence("mail TRANSFER_INSTRUCTIONS", "lms", "mail WELCOME");
    assertThat(pi).isWaitingAt("WaitForProgress");
  }

  @Test
  void aTransferThatDidNotArriveReleasesTheSeat() {
    row.put("method", "TRANSFER");
    ProcessInstance pi = enroll();
    runJobs(pi);
    complete(task(), withVariables("transferReceived", "no", "transferReference", ""));
    runJobs(pi);
    assertThat(sent).endsWith("release PAYMENT_TIMEOUT", "mail SEAT_RELEASED");
    assertThat(pi).hasPassed("PaymentLapsed").isEnded();
  }

  @Test
  void aTransferNotConfirmedInTimeReleasesTheSeat() {
    row.put("method", "TRANSFER");
    ProcessInstance pi = enroll();
    runJobs(pi);
    passTimeTo(now.plus(Duration.ofDays(2)).plusSeconds(1), pi);
    assertThat(pi).hasPassed("TransferDue", "PaymentLapsed").isEnded();
  }

  @Test
  void aWaitlistedPersonTakesTheOfferedSeat() {
    row.put("seat", false);
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(pi).isWaitingAt("WaitForSeat");
    assertThat(sent).containsExactly("mail WAITLISTED");

    row.put("seat", true);
    runtimeService().correlateMessage(Enrollments.SEAT_OFFERED, KEY);
    runJobs(pi);
    assertThat(pi).isWaitingAt("WaitForAcceptance");
    assertThat(sent).endsWith("mail SEAT_OFFERED");
    runtimeService().correlateMessage(Enrollments.OFFER_ACCEPTED, KEY);
    runJobs(pi);
    assertThat(pi).hasPassed("ReadReservation", "EnrollInLms").isWaitingAt("WaitForProgress");
  }

  @Test
  void anOfferNotTakenInTimeGoesToTheNextPerson() {
    row.put("seat", false);
    ProcessInstance pi = enroll();
    runJobs(pi);
    runtimeService().correlateMessage(Enrollments.SEAT_OFFERED, KEY);
    runJobs(pi);
    passTimeTo(now.plus(Duration.ofDays(1)).plusSeconds(1), pi);
    assertThat(sent).endsWith("release OFFER_EXPIRED", "mail SEAT_RELEASED");
    assertThat(pi).hasPassed("OfferLapsed").isEnded();
  }

  @Test
  void anOfferAcceptedJustBeforeItLapsedKeepsTheSeat() {
    row.putAll(Map.of("seat", false, "course", false));
    released = false;
    ProcessInstance pi = enroll();
    runJobs(pi);
    runtimeService().correlateMessage(Enrollments.SEAT_OFFERED, KEY);
    runJobs(pi);
    passTimeTo(now.plus(Duration.ofDays(1)).plusSeconds(1), pi);
    assertThat(pi).hasPassed("OfferReleased", "ReadReservation", "EnrollInLms").isEnded();
  }

  @Test
  void theWaitlistClosesWhenTheCohortStarts() {
    row.put("seat", false);
    ProcessInstance pi = enroll();
    runJobs(pi);
    passTimeTo(cohortStart.plusSeconds(1), pi);
    assertThat(sent).endsWith("release COHORT_STARTED", "mail WAITLIST_CLOSED");
    assertThat(pi).hasPassed("NoSeat").isEnded();
  }

  @Test
  void aLearnerWithoutProgressIsNudgedThenCustomerSuccessReachesThem() {
    ProcessInstance pi = enroll();
    runJobs(pi);
    passTimeTo(now.plus(Duration.ofDays(7)).plusSeconds(1), pi);
    assertThat(sent).endsWith("nudge 1");
    assertThat(pi).isWaitingAt("WaitForProgress");
    passTimeTo(now.plus(Duration.ofDays(7)).plusSeconds(1), pi);
    assertThat(pi).isWaitingAt("CallStalledLearner");
    assertThat(task()).hasCandidateGroup("success");
    assertThat(task().getName()).isEqualTo("Reach a stalled learner: Ana Souza · IA para docentes");

    complete(task(), withVariables("stallOutcome", "reached", "stallNote", "Volta na segunda"));
    runJobs(pi);
    assertThat(pi).isWaitingAt("WaitForProgress");
    passTimeTo(now.plus(Duration.ofDays(7)).plusSeconds(1), pi);
    passTimeTo(now.plus(Duration.ofDays(7)).plusSeconds(1), pi);
    complete(task(), withVariables("stallOutcome", "droppedOut", "stallNote", ""));
    runJobs(pi);
    assertThat(sent).contains("stall reached", "stall droppedOut");
    assertThat(pi).hasPassed("DroppedOut", "LearningDone").isEnded();
  }

  @Test
  void aRefundEndsAccessWhereverTheCaseIs() {
    ProcessInstance pi = enroll();
    runJobs(pi);
    progress(pi, 30);
    runtimeService().correlateMessage(Enrollments.ACCESS_REVOKED, KEY, Map.of("accessEndedReason", "REFUNDED"));
    runJobs(pi);
    assertThat(sent).endsWith("mail ACCESS_ENDED", "success told");
    assertThat(pi).hasPassed("AccessEnded").isEnded();
  }

  @Test
  void aWebinarWithoutLiveSessionEndsAfterTheWelcome() {
    row.putAll(Map.of("live", false, "course", false));
    ProcessInstance pi = enroll();
    runJobs(pi);
    assertThat(pi).hasPassed("SendWelcome", "LearningDone").isEnded();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private ProcessInstance enroll() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(Enrollments.PROCESS_KEY, KEY,
        withVariables("enrollmentKey", "k1"));
    assertThat(pi).isWaitingAt("ReadEnrollment");
    return pi;
  }

  private void progress(ProcessInstance pi, int percent) {
    progress = percent;
    runtimeService().correlateMessage(Enrollments.PROGRESS_RECORDED, KEY);
    runJobs(pi);
  }

  private void moveClockTo(Instant instant) {
    now = instant;
    ClockUtil.setCurrentTime(Date.from(now));
  }

  /** Runs every job that is due now, as the job executor would, until none is left. */
  private void runJobs(ProcessInstance pi) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = jobQuery().processInstanceId(pi.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> execute(job));
    }
    throw new AssertionError("jobs keep coming");
  }

  /** Lets time pass timer by timer up to {@code end}, as a running job executor would. */
  private void passTimeTo(Instant end, ProcessInstance pi) {
    for (int round = 0; round < 50; round++) {
      Job next = jobQuery().processInstanceId(pi.getId()).timers().orderByJobDuedate().asc().list().stream()
          .filter(timer -> !timer.getDuedate().toInstant().isAfter(end)).findFirst().orElse(null);
      if (next == null) {
        moveClockTo(end);
        runJobs(pi);
        return;
      }
      moveClockTo(next.getDuedate().toInstant().plusSeconds(1).isAfter(end) ? end : next.getDuedate().toInstant().plusSeconds(1));
      runJobs(pi);
    }
    throw new AssertionError("timers keep coming");
  }
}
