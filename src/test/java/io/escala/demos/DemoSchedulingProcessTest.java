package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
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
 * Every route of processes/demo-scheduling.bpmn with the clock moved: booked → reminded → attended / no-show,
 * rescheduled twice, cancelled. The delegates are recorders over a fake booking whose time the test changes, so the
 * test sees which reminder times went out.
 */
@Deployment(resources = {"processes/demo-scheduling.bpmn",
    "forms/demo-outcome-es.form", "forms/demo-outcome-pt-BR.form", "forms/demo-outcome-en.form",
    "forms/demo-follow-up-es.form", "forms/demo-follow-up-pt-BR.form", "forms/demo-follow-up-en.form"})
class DemoSchedulingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final String BOOKING = "k7m2p9x4qa";
  private static final List<Duration> REMINDERS = List.of(Duration.ofHours(24), Duration.ofHours(1));

  private Instant now;
  private Instant demoStart;
  private int sequence;
  private boolean rebookingOver;
  private final List<String> sent = new ArrayList<>();

  @BeforeEach
  void registerDelegates() {
    now = Instant.parse("2026-12-01T12:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    demoStart = now.plus(Duration.ofDays(3));
    Mocks.register("demoTeam", new TeamLanguage());
    Mocks.register("prepareDemo", (JavaDelegate) execution -> {
      execution.setVariable("rep", "demo-sales");
      execution.setVariable("demoLabel", "Ana Souza · Academia Nova");
      execution.setVariable("demoStartsAt", Date.from(demoStart));
      execution.setVariable("demoEndsAt", Date.from(demoStart.plus(Duration.ofMinutes(30))));
      execution.setVariable("outcomeDue", Date.from(demoStart.plus(Duration.ofHours(8))));
    });
    Mocks.register("sendDemoInvites", (JavaDelegate) execution -> sent.add("invite seq " + sequence + " " + demoStart));
    Mocks.register("putDemoInCalendar", (JavaDelegate) execution -> sent.add("calendar " + demoStart));
    Mocks.register("moveDemoDeal", (JavaDelegate) execution -> sent.add("deal " + execution.getVariable("nextStep")));
    Mocks.register("planDemoReminder", (JavaDelegate) this::planReminder);
    Mocks.register("sendDemoReminder", (JavaDelegate) execution -> {
      Instant plannedFor = Instant.parse((String) execution.getVariable("reminderForStart"));
      // the real step refuses a reminder planned for another start; here the diagram must never ask for one
      assertThat(plannedFor).as("a reminder with an old time").isEqualTo(demoStart);
      sent.add("reminder " + execution.getVariable("reminderBefore") + " for " + plannedFor);
    });
    Mocks.register("sendDemoCancellation", (JavaDelegate) execution -> sent.add("cancel seq " + sequence));
    Mocks.register("removeDemoFromCalendar", (JavaDelegate) execution -> sent.add("calendar removed"));
    Mocks.register("saveDemoOutcome", (JavaDelegate) execution -> sent.add("outcome " + execution.getVariable("outcome")));
    Mocks.register("draftDemoFollowUp", (JavaDelegate) execution -> {
      execution.setVariable("followUpSubject", "Obrigado pela demo");
      execution.setVariable("followUpBody", "Olá, Ana! ...");
      execution.setVariable("followUpGeneratedBy", "llm");
      execution.setVariable("followUpDue", Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(1))));
      execution.setVariable("sendFollowUp", true);
    });
    Mocks.register("sendDemoFollowUp", (JavaDelegate) execution -> sent.add("follow-up " + execution.getVariable("followUpSubject")));
    Mocks.register("announceDemoCompleted", (JavaDelegate) execution -> sent.add("DemoCompleted"));
    Mocks.register("planRebookingEmail", (JavaDelegate) execution -> {
      int done = execution.getVariable("rebookingsSent") instanceof Integer n ? n : 0;
      boolean left = !rebookingOver && done < 3;
      execution.setVariable("rebookLeft", left);
      if (left) {
        execution.setVariable("rebookAt", Date.from(demoStart.plus(Duration.ofDays(done == 0 ? 1 : 3 * done))));
      }
    });
    Mocks.register("sendRebookingEmail", (JavaDelegate) execution -> {
      int done = execution.getVariable("rebookingsSent") instanceof Integer n ? n : 0;
      execution.setVariable("rebookingsSent", done + 1);
      sent.add("rebooking " + (done + 1));
    });
  }

  private void planReminder(DelegateExecution execution) {
    Instant current = ClockUtil.getCurrentTime().toInstant();
    for (Duration before : REMINDERS) {
      if (demoStart.minus(before).isAfter(current)) {
        execution.setVariable("reminderLeft", true);
        execution.setVariable("nextReminderAt", Date.from(demoStart.minus(before)));
        execution.setVariable("reminderBefore", before.toString());
        execution.setVariable("reminderForStart", demoStart.toString());
        return;
      }
    }
    execution.setVariable("reminderLeft", false);
  }

  /** The reps' team works in Portuguese in these tests. */
  public static class TeamLanguage {

    public String getFormLanguage() {
      return "pt-BR";
    }
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private ProcessInstance book() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(DemoBookings.PROCESS_KEY, BOOKING,
        withVariables("rep", "demo-sales"));
    runUntilScheduled(pi);
    return pi;
  }

  private void runUntilScheduled(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("PrepareDemo");
    execute(job("PrepareDemo"));
    execute(job("SendInvites"));
    execute(job("PutInCalendar"));
    execute(job("DealDemoScheduled"));
    execute(job("PlanReminder"));
    assertThat(pi).isWaitingAt("ReminderDue");
  }

  private void moveClockTo(Instant instant) {
    now = instant;
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private Job timerOf(String activityId) {
    return managementService().createJobDefinitionQuery().activityIdIn(activityId).list().stream()
        .map(JobDefinition::getId)
        .map(id -> jobQuery().jobDefinitionId(id).singleResult())
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** Fires every due timer and runs the jobs they create, as the job executor would. */
  private void fireDueTimers(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      List<Job> due = jobQuery().processInstanceId(pi.getId()).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests::execute);
    }
  }

  /** Lets time pass reminder by reminder, as a running job executor would, up to the end of the demo. */
  private void reachOutcomeTask(ProcessInstance pi) {
    for (Job reminder = timerOf("ReminderDue"); reminder != null; reminder = timerOf("ReminderDue")) {
      moveClockTo(reminder.getDuedate().toInstant().plusSeconds(1));
      fireDueTimers(pi);
    }
    moveClockTo(demoStart.plus(Duration.ofMinutes(31)));
    fireDueTimers(pi);
    assertThat(pi).hasPassed("ScheduledEnd").isWaitingAt("RecordOutcome");
    assertThat(task()).isAssignedTo("demo-sales");
    assertThat(task().getName()).isEqualTo("Record demo outcome: Ana Souza · Academia Nova");
    assertThat(task().getDueDate()).isEqualTo(Date.from(demoStart.plus(Duration.ofHours(8))));
  }

  @Test
  void bookedDemoIsRemindedTwiceAndAnAttendedDemoIsFollowedUp() {
    ProcessInstance pi = book();
    assertThat(sent).containsExactly("invite seq 0 " + demoStart, "calendar " + demoStart, "deal null");
    reachOutcomeTask(pi);
    assertThat(sent).contains("reminder PT24H for " + demoStart, "reminder PT1H for " + demoStart);

    complete(task(), withVariables("outcome", "attended", "demoNotes", "Quer IA para 200 alunos", "nextStep", "proposal"));
    execute(job("SaveOutcome"));
    execute(job("DraftFollowUp"));
    assertThat(pi).isWaitingAt("ReviewFollowUp");
    assertThat(task().getName()).isEqualTo("Review follow-up e-mail: Ana Souza · Academia Nova");
    complete(task(), withVariables("followUpSubject", "Obrigado, Ana", "followUpBody", "Texto revisado", "sendFollowUp", true));
    execute(job("SendFollowUp"));
    execute(job("DealAfterDemo"));
    execute(job("AnnounceCompleted"));
    assertThat(pi).hasPassed("FollowedUp").isEnded();
    assertThat(sent).containsSubsequence("outcome attended", "follow-up Obrigado, Ana", "deal proposal", "DemoCompleted");
  }

  @Test
  void theRepMayDecideNotToSendTheDraft() {
    ProcessInstance pi = book();
    reachOutcomeTask(pi);
    complete(task(), withVariables("outcome", "attended", "demoNotes", "", "nextStep", "not-a-fit"));
    execute(job("SaveOutcome"));
    execute(job("DraftFollowUp"));
    complete(task(), withVariables("followUpSubject", "x", "followUpBody", "y", "sendFollowUp", false));
    execute(job("DealAfterDemo"));
    execute(job("AnnounceCompleted"));
    assertThat(pi).hasNotPassed("SendFollowUp").hasPassed("FollowedUp").isEnded();
  }

  @Test
  void reschedulingTwiceMovesTheRemindersAndNoReminderStatesAnOldTime() {
    ProcessInstance pi = book();
    Instant first = demoStart;
    // 2 days before: the 24 h reminder is still ahead; the lead moves the demo one day later
    moveClockTo(first.minus(Duration.ofDays(2)));
    reschedule(pi, first.plus(Duration.ofDays(1)));
    // and once more, two hours later than that
    reschedule(pi, demoStart.plus(Duration.ofHours(2)));
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).as("one reminder timer").isEqualTo(1);
    assertThat(timerOf("ReminderDue").getDuedate()).isEqualTo(Date.from(demoStart.minus(Duration.ofHours(24))));

    reachOutcomeTask(pi);
    List<String> reminders = sent.stream().filter(line -> line.startsWith("reminder")).toList();
    assertThat(reminders).containsExactly("reminder PT24H for " + demoStart, "reminder PT1H for " + demoStart);
    assertThat(sent).contains("invite seq 1 " + first.plus(Duration.ofDays(1)), "invite seq 2 " + demoStart);
  }

  private void reschedule(ProcessInstance pi, Instant newStart) {
    demoStart = newStart;
    sequence++;
    runtimeService().correlateMessage(DemoBookings.DEMO_RESCHEDULED, BOOKING);
    runUntilScheduled(pi);
  }

  @Test
  void aCancelledDemoSendsTheCancellationAndLeavesTheRepsCalendar() {
    ProcessInstance pi = book();
    sequence++;
    runtimeService().correlateMessage(DemoBookings.DEMO_CANCELLED, BOOKING);
    execute(job("SendCancellation"));
    execute(job("RemoveFromCalendar"));
    assertThat(pi).hasPassed("DemoCancelledEnd").isEnded();
    assertThat(sent).containsSubsequence("cancel seq 1", "calendar removed");
    assertThat(jobQuery().timers().count()).as("no reminder left").isZero();
  }

  @Test
  void aNoShowGetsTheRebookingSequenceUntilItIsOver() {
    ProcessInstance pi = book();
    reachOutcomeTask(pi);
    complete(task(), withVariables("outcome", "no-show", "demoNotes", "", "nextStep", "none"));
    execute(job("SaveOutcome"));
    execute(job("PlanRebooking"));
    for (int n = 1; n <= 3; n++) {
      moveClockTo(timerOf("RebookDue").getDuedate().toInstant().plusSeconds(1));
      execute(timerOf("RebookDue"));
      execute(job("SendRebooking"));
      execute(job("PlanRebooking"));
    }
    assertThat(pi).hasPassed("RebookingDone", "NoRebooking").isEnded();
    assertThat(sent).contains("rebooking 1", "rebooking 2", "rebooking 3");
  }

  @Test
  void aNoShowWhoBooksAgainGetsNoMoreRebookingEmails() {
    ProcessInstance pi = noShow();
    runtimeService().correlateMessage(DemoBookings.DEMO_REBOOKED, BOOKING);
    assertThat(pi).hasPassed("LeadRebooked").isEnded();
    assertThat(sent).doesNotContain("rebooking 1");
  }

  @Test
  void aNoShowWhoAsksForNoMoreEmailsGetsNone() {
    ProcessInstance pi = noShow();
    runtimeService().correlateMessage(DemoBookings.REBOOKING_STOPPED, BOOKING);
    assertThat(pi).hasPassed("RebookingStoppedEnd").isEnded();
  }

  @Test
  void aSequenceFoundOverWhenPlannedEndsAtOnce() {
    rebookingOver = true;
    ProcessInstance pi = noShow();
    assertThat(pi).hasPassed("RebookingDone", "NoRebooking").isEnded();
  }

  private ProcessInstance noShow() {
    ProcessInstance pi = book();
    reachOutcomeTask(pi);
    complete(task(), withVariables("outcome", "no-show", "demoNotes", "", "nextStep", "none"));
    execute(job("SaveOutcome"));
    execute(job("PlanRebooking"));
    return pi;
  }

  @Test
  void theTasksUseTheTeamsLanguageForms() {
    ProcessInstance pi = book();
    reachOutcomeTask(pi);
    assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService()
        .getTaskFormData(task().getId()).getCamundaFormRef().getKey()).isEqualTo("demo-outcome-pt-BR");
  }
}
