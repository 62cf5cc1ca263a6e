package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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

/** Every route and stop condition of processes/lead-nurturing.bpmn, delegates replaced by recorders. */
@Deployment(resources = {"processes/lead-nurturing.bpmn", "forms/lead-qualify-es.form",
    "forms/lead-qualify-pt-BR.form", "forms/lead-qualify-en.form"})
class LeadNurturingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final String LEAD = "ana@empresa.example";

  private final List<String> crmStages = new ArrayList<>();
  private String nextRoute;
  private int nurtureEmailsSent;
  private boolean consentAlreadyConfirmed = true;
  private int consentRequests;
  private int confirmationsSentAgain;
  private Date now;

  @BeforeEach
  void registerDelegates() {
    now = new Date();
    ClockUtil.setCurrentTime(now);
    Mocks.register("salesTeam", salesTeam("es"));
    Mocks.register("leadTimers", new LeadTimers(new NurtureProperties(java.time.LocalTime.of(9, 0),
        java.time.LocalTime.of(17, 0), java.util.EnumSet.allOf(java.time.DayOfWeek.class), 3,
        List.of(Duration.ofDays(2)), Duration.ofDays(45))));
    Mocks.register("analyzeLeadNeed", (JavaDelegate) execution -> {
      execution.setVariable("needSummary", "Wants AI courses for 200 employees.");
      execution.setVariable("needGeneratedBy", "llm");
    });
    Mocks.register("scoreLead", (JavaDelegate) execution -> {
      execution.setVariable("route", nextRoute);
      execution.setVariable("totalScore", "hot".equals(nextRoute) ? 70 : "warm".equals(nextRoute) ? 40 : 10);
    });
    Mocks.register("assignSalesOwner", (JavaDelegate) execution -> {
      execution.setVariable("salesOwner", "demo-sales");
      execution.setVariable("qualifyDue", new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(1).toMillis()));
      execution.setVariable("escalationDue", new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis()));
    });
    Mocks.register("createLeadDeal", (JavaDelegate) execution -> crmStages.add("DEAL"));
    Mocks.register("updateCrm", (JavaDelegate) execution -> crmStages.add((String) execution.getVariableLocal("stage")));
    Mocks.register("planNurtureEmail", (JavaDelegate) execution ->
        execution.setVariable("nextSendAt", new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis())));
    Mocks.register("sendNurtureEmail", (JavaDelegate) execution -> {
      nurtureEmailsSent++;
      execution.setVariable("moreEmails", nurtureEmailsSent < 3);
    });
    registerConsentDelegates();
  }

  private void registerConsentDelegates() {
    Mocks.register("requestMarketingConsent", (JavaDelegate) execution -> {
      consentRequests++;
      execution.setVariable("marketingConsentConfirmed", consentAlreadyConfirmed);
      execution.setVariable("consentConfirmWithin", "P7D");
    });
    Mocks.register("sendConsentConfirmation", (JavaDelegate) execution -> confirmationsSentAgain++);
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private ProcessInstance capture(String route, boolean consentEmail) {
    nextRoute = route;
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(LeadProcess.KEY, LEAD,
        withVariables("leadKey", LEAD, "email", LEAD, "name", "Ana Souza",
            "leadLabel", "Ana Souza · Academia Nova", "consentEmail", consentEmail,
            "qualification", "", "qualificationNotes", ""));
    assertThat(pi).isWaitingAt("AnalyzeNeed");
    execute(job());
    execute(job());
    assertThat(pi).hasPassed("AnalyzeNeed", "ScoreLead", "Route");
    if ("warm".equals(route) && consentEmail) {
      execute(job("RequestMarketingConsent"));
    }
    return pi;
  }

  private void moveClock(Duration by) {
    now = new Date(now.getTime() + by.toMillis());
    ClockUtil.setCurrentTime(now);
  }

  private Job timerOf(String activityId) {
    return managementService().createJobDefinitionQuery().activityIdIn(activityId).list().stream()
        .map(JobDefinition::getId)
        .map(id -> jobQuery().jobDefinitionId(id).singleResult())
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  private void reachSalesTask(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("AssignSalesOwner");
    execute(job("AssignSalesOwner"));
    execute(job("CreateLeadDeal"));
    assertThat(pi).isWaitingAt("QualifyLead");
    assertThat(task()).isAssignedTo("demo-sales");
    assertThat(taskService().getIdentityLinksForTask(task().getId()))
        .anyMatch(link -> "sales".equals(link.getGroupId()) && "candidate".equals(link.getType()));
    assertThat(task().getDueDate()).isNotNull();
    // the task list says whose case it is, before anybody opens the form
    assertThat(task().getName()).isEqualTo("Qualify lead: Ana Souza · Academia Nova");
  }

  private void sendOneNurtureEmail(ProcessInstance pi) {
    assertThat(pi).isWaitingAt("WaitForSendTime");
    moveClock(Duration.ofDays(2).plusMinutes(1));
    execute(timerOf("WaitForSendTime"));
    execute(job("SendNurtureEmail"));
  }

  @Test
  void hotLeadGoesToItsSalesOwnerAndIsQualified() {
    ProcessInstance pi = capture("hot", true);
    reachSalesTask(pi);
    complete(task(), withVariables("qualification", "qualified", "qualificationNotes", "Budget confirmed"));
    execute(job("RecordQualification"));
    assertThat(pi).hasPassed("RecordQualification", "HandedToSales").isEnded();
    assertThat(crmStages).containsExactly("DEAL", "SALES_QUALIFIED");
  }

  @Test
  void hotLeadNotWorkedInTimeEscalatesToSalesManagers() {
    ProcessInstance pi = capture("hot", true);
    reachSalesTask(pi);
    moveClock(Duration.ofDays(1).plusMinutes(1));
    execute(timerOf("QualifyOverdue"));
    assertThat(pi).isWaitingAt("QualifyOverdueLead");
    assertThat(task()).hasCandidateGroup("sales-managers");
    assertThat(task().getName()).isEqualTo("Qualify overdue lead: Ana Souza · Academia Nova");
    complete(task(), withVariables("qualification", "disqualified"));
    execute(job("RecordQualification"));
    assertThat(pi).hasPassed("QualifyOverdue", "HandedToSales").isEnded();
  }

  @Test
  void coldLeadIsRecordedAndTheCaseEnds() {
    ProcessInstance pi = capture("cold", true);
    execute(job("RecordColdLead"));
    assertThat(pi).hasPassed("ColdLead").isEnded();
    assertThat(crmStages).containsExactly("LEAD");
  }

  @Test
  void aColdLeadTheCrmRefusesEndsWithoutACrmRecord() {
    ProcessInstance pi = capture("cold", true);
    Mocks.register("updateCrm", (JavaDelegate) execution -> {
      throw new org.camunda.bpm.engine.delegate.BpmnError("crm-contact-refused", "HubSpot: invalid email");
    });
    execute(job("RecordColdLead"));
    assertThat(pi).hasPassed("ColdLeadRefusedByCrm", "ColdLeadNotInCrm").hasNotPassed("ColdLead").isEnded();
  }

  @Test
  void warmLeadWithoutEmailConsentGetsNoSequence() {
    ProcessInstance pi = capture("warm", false);
    assertThat(pi).hasPassed("NoEmailConsent").isEnded();
    assertThat(nurtureEmailsSent).isZero();
  }

  @Test
  void warmLeadRunsTheWholeSequence() {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    sendOneNurtureEmail(pi);
    sendOneNurtureEmail(pi);
    assertThat(nurtureEmailsSent).isEqualTo(3);
    assertThat(pi).hasPassed("SequenceFinished", "NurtureComplete").isEnded();
  }

  @Test
  void engagementThatStaysWarmKeepsTheSequenceGoing() {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    runtimeService().correlateMessage(LeadProcess.LEAD_ENGAGED, LEAD);
    execute(job("RescoreLead"));
    assertThat(pi).hasPassed("EngagementRecorded").isWaitingAt("WaitForSendTime");
  }

  @Test
  void engagementThatMakesTheLeadHotMovesItToSalesAtOnce() {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    nextRoute = "hot";
    runtimeService().correlateMessage(LeadProcess.LEAD_ENGAGED, LEAD);
    execute(job("RescoreLead"));
    assertThat(pi).hasPassed("LeadBecameHot", "BecameHotBoundary");
    assertThat(timerOf("WaitForSendTime")).as("the sequence stopped").isNull();
    reachSalesTask(pi);
  }

  private void stopsWith(String message, String endEvent) {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    runtimeService().correlateMessage(message, LEAD);
    assertThat(pi).hasPassed(endEvent).isEnded();
    assertThat(nurtureEmailsSent).isEqualTo(1);
  }

  @Test
  void unsubscribeStopsTheSequence() {
    stopsWith(LeadProcess.LEAD_UNSUBSCRIBED, "Unsubscribed");
  }

  @Test
  void bookedDemoStopsTheSequenceAndTheCaseLearnsTheDemoWasHeld() {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    runtimeService().correlateMessage(LeadProcess.DEMO_BOOKED, LEAD);
    assertThat(pi).hasPassed("DemoBookedBoundary").isWaitingAt("WaitForDemoOutcome");
    assertThat(timerOf("WaitForSendTime")).as("the sequence stopped").isNull();
    runtimeService().correlateMessage(LeadProcess.DEMO_COMPLETED, LEAD);
    assertThat(pi).hasPassed("DemoBooked").isEnded();
    assertThat(nurtureEmailsSent).isEqualTo(1);
  }

  @Test
  void aBookedDemoWithoutOutcomeEndsTheCaseAfterTheWait() {
    ProcessInstance pi = capture("warm", true);
    sendOneNurtureEmail(pi);
    runtimeService().correlateMessage(LeadProcess.DEMO_BOOKED, LEAD);
    moveClock(Duration.ofDays(45).plusMinutes(1));
    execute(timerOf("DemoOutcomeTimedOut"));
    assertThat(pi).hasPassed("DemoOutcomeUnknown").isEnded();
  }

  @Test
  void aDemoBookedDirectlyAndHeldStopsTheSequence() {
    stopsWith(LeadProcess.DEMO_COMPLETED, "DemoHeldDirect");
  }

  @Test
  void salesHandlingStopsTheSequence() {
    stopsWith(LeadProcess.LEAD_HANDLED, "HandledBySales");
  }

  @Test
  void enrollingInACourseStopsTheSequence() {
    stopsWith(LeadProcess.COURSE_ENROLLED, "EnrolledInCourse");
  }

  @Test
  void hardBounceStopsTheSequence() {
    stopsWith(LeadProcess.EMAIL_BOUNCED, "EmailBounced");
  }

  @Test
  void warmLeadGetsNoNurtureEmailBeforeTheOwnerConfirms() {
    consentAlreadyConfirmed = false;
    ProcessInstance pi = capture("warm", true);
    assertThat(pi).hasPassed("ConsentConfirmed").isWaitingAt("WaitForOwner");
    assertThat(timerOf("WaitForSendTime")).as("no sequence yet").isNull();

    consentAlreadyConfirmed = true;
    runtimeService().correlateMessage(LeadProcess.MARKETING_CONSENT_CONFIRMED, LEAD);
    // Scored again: the confirmed submission may change the profile, and events that came in meanwhile count.
    execute(job("ScoreLead"));
    execute(job("RequestMarketingConsent"));
    assertThat(pi).hasPassed("OwnerConfirmed").isWaitingAt("WaitForSendTime");
    assertThat(consentRequests).isEqualTo(2);
    sendOneNurtureEmail(pi);
    assertThat(nurtureEmailsSent).isEqualTo(1);
  }

  @Test
  void consentNotConfirmedInTimeEndsTheCaseWithoutNurture() {
    consentAlreadyConfirmed = false;
    ProcessInstance pi = capture("warm", true);
    moveClock(Duration.ofDays(7).plusMinutes(1));
    execute(timerOf("ConfirmationTimedOut"));
    assertThat(pi).hasPassed("ConsentNotConfirmed").isEnded();
    assertThat(nurtureEmailsSent).isZero();
  }

  @Test
  void consentTickedAgainAsksForConfirmationAgainWhileTheCaseWaits() {
    consentAlreadyConfirmed = false;
    ProcessInstance pi = capture("warm", true);
    runtimeService().correlateMessage(LeadProcess.CONSENT_CONFIRMATION_REQUESTED, LEAD);
    execute(job("SendConsentConfirmationAgain"));
    assertThat(pi).hasPassed("ConfirmationEmailHandled").isWaitingAt("WaitForOwner");
    assertThat(confirmationsSentAgain).isEqualTo(1);
  }

  @Test
  void theQualifyFormIsTheSalesTeamsLanguage() {
    ProcessInstance spanish = capture("hot", true);
    reachSalesTask(spanish);
    assertThat(deployedForm(task(spanish).getId())).contains("\"id\": \"lead-qualify-es\"")
        .contains("Razones del puntaje");

    Mocks.register("salesTeam", salesTeam("pt-BR"));
    ProcessInstance portuguese = capture("hot", true);
    reachSalesTask(portuguese);
    assertThat(deployedForm(task(portuguese).getId())).contains("\"id\": \"lead-qualify-pt-BR\"")
        .contains("Motivos da pontuação").doesNotContain("Razones del puntaje");
  }

  private static SalesTeam salesTeam(String language) {
    return new SalesTeam(new LeadSalesProperties("sales", java.time.Duration.ofDays(1),
        java.util.Locale.forLanguageTag(language)));
  }

  private static String deployedForm(String taskId) {
    try (java.io.InputStream form = org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService()
        .getDeployedTaskForm(taskId)) {
      return new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
