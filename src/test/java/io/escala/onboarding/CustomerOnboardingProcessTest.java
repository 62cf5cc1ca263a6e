package io.escala.onboarding;

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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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
 * Every path of processes/customer-onboarding.bpmn, with the delegates replaced by recorders. Time moves with
 * {@link ClockUtil}; nothing sleeps.
 */
@Deployment(resources = {"processes/customer-onboarding.bpmn", "forms/onboarding-success-call-es.form",
    "forms/onboarding-success-call-pt-BR.form", "forms/onboarding-success-call-en.form"})
class CustomerOnboardingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  private final List<String> mailsSent = new ArrayList<>();
  private final List<String> crmStages = new ArrayList<>();
  private int stepsDone;
  private boolean erased;
  private Date now;

  @BeforeEach
  void registerDelegates() {
    now = new Date();
    ClockUtil.setCurrentTime(now);
    Mocks.register("successTeam", new SuccessTeam("es"));
    Mocks.register("sendEmail", (org.camunda.bpm.engine.delegate.JavaDelegate) execution ->
        mailsSent.add((String) execution.getVariableLocal("template")));
    Mocks.register("updateCrm", (org.camunda.bpm.engine.delegate.JavaDelegate) execution ->
        crmStages.add((String) execution.getVariableLocal("stage")));
    Mocks.register("writeWelcome", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {
      execution.setVariable("welcomeIntro", "Hola");
      execution.setVariable("welcomeGeneratedBy", "fallback");
    });
    Mocks.register("loadSetupProgress", (org.camunda.bpm.engine.delegate.JavaDelegate) this::loadProgress);
    Mocks.register("summarizeOnboarding", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> {
      loadProgress(execution);
      execution.setVariable("successSummary", "Stuck at payments");
      execution.setVariable("suggestedOutcome", "extend");
      execution.setVariable("successCallDue", new Date(ClockUtil.getCurrentTime().getTime() + 86_400_000L));
      execution.setVariable("callNotes", "");
    });
    Mocks.register("eraseSignup", (org.camunda.bpm.engine.delegate.JavaDelegate) execution -> erased = true);
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private void loadProgress(DelegateExecution execution) {
    execution.setVariable("stepsDone", stepsDone);
    execution.setVariable("stepsTotal", 5);
    execution.setVariable("allStepsDone", stepsDone == 5);
  }

  private ProcessInstance startSignup() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(OnboardingProcess.KEY, "signup-1",
        withVariables("signupId", "signup-1", "email", "ana@example.com", "name", "Ana Souza",
            "verificationTimeout", "P2D", "firstCheckIn", "P1D", "secondCheckIn", "P3D", "thirdCheckIn", "P7D",
            "activationDeadline", "P14D"));
    assertThat(pi).isWaitingAt("SendVerificationEmail");
    execute(job());
    assertThat(mailsSent).containsExactly("onboarding/verify");
    assertThat(pi).isWaitingAt("WaitForEmailVerification");
    return pi;
  }

  private void verifyAndWelcome(ProcessInstance pi) {
    runtimeService().createMessageCorrelation(OnboardingProcess.EMAIL_VERIFIED).processInstanceBusinessKey("signup-1")
        .correlate();
    assertThat(pi).isWaitingAt("CreateCustomerInCrm");
    execute(job());
    execute(job());
    execute(job());
    assertThat(pi).hasPassed("CreateCustomerInCrm", "WriteWelcomeMessage", "SendWelcomeEmail");
    assertThat(mailsSent).containsExactly("onboarding/verify", "onboarding/welcome");
    assertThat(crmStages).containsExactly("CUSTOMER");
    assertThat(pi).isWaitingAt("WaitForSetupStep");
  }

  private void completeStep(int count) {
    stepsDone = count;
    runtimeService().createMessageCorrelation(OnboardingProcess.SETUP_STEP_COMPLETED)
        .processInstanceBusinessKey("signup-1").correlateAll();
  }

  private void moveClock(Duration by) {
    now = new Date(now.getTime() + by.toMillis());
    ClockUtil.setCurrentTime(now);
  }

  private void fireTimer(String activityId) {
    Job timer = timerOf(activityId);
    assertThat(timer).as("timer " + activityId).isNotNull();
    assertThat(timer.getDuedate()).isBeforeOrEqualTo(now);
    execute(timer);
  }

  /** Timer jobs carry the activity of their job definition (the boundary event), not the activity they sit on. */
  private Job timerOf(String boundaryEventId) {
    List<String> definitions = managementService().createJobDefinitionQuery().activityIdIn(boundaryEventId).list()
        .stream().map(JobDefinition::getId).toList();
    return definitions.stream()
        .map(id -> jobQuery().jobDefinitionId(id).singleResult())
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }

  private void finishActivation(ProcessInstance pi) {
    assertThat(pi).hasPassed("ChecklistComplete");
    assertThat(pi).isWaitingAt("SendCongratulations");
    execute(job());
    execute(job());
    assertThat(pi).hasPassed("SendCongratulations", "MarkActivatedInCrm").isEnded();
    assertThat(pi).hasPassed("CustomerActivated");
    assertThat(mailsSent).last().isEqualTo("onboarding/activated");
  }

  @Test
  void unverifiedSignupIsErasedWhenTheLinkExpires() {
    ProcessInstance pi = startSignup();
    moveClock(Duration.ofDays(2).plusMinutes(1));
    fireTimer("VerificationExpired");
    assertThat(pi).isWaitingAt("EraseSignupData");
    execute(job());
    assertThat(erased).isTrue();
    assertThat(pi).hasPassed("DataErased").isEnded();
    assertThat(pi).hasNotPassed("CreateCustomerInCrm");
    assertThat(crmStages).isEmpty();
  }

  @Test
  void customerWhoFinishesEarlyIsActivatedWithoutCheckIns() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    completeStep(2);
    assertThat(pi).isWaitingAt("WaitForSetupStep");
    assertThat((Integer) runtimeService().getVariable(pi.getId(), "stepsDone")).isEqualTo(2);
    completeStep(5);
    finishActivation(pi);
    assertThat(mailsSent).doesNotContain("onboarding/check-in");
    assertThat(crmStages).containsExactly("CUSTOMER", "CUSTOMER");
    assertThat(jobQuery().count()).as("no check-in timers left").isZero();
  }

  @Test
  void checkInsRemindUntilActivationAndStopAfterIt() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    moveClock(Duration.ofDays(1).plusMinutes(1));
    fireTimer("FirstCheckIn");
    execute(job("SendCheckInReminder"));
    assertThat(pi).isWaitingAt("WaitForSetupStep");
    moveClock(Duration.ofDays(2));
    fireTimer("SecondCheckIn");
    execute(job("SendCheckInReminder"));
    assertThat(mailsSent).filteredOn("onboarding/check-in"::equals).hasSize(2);

    completeStep(5);
    finishActivation(pi);
    assertThat(timerOf("ThirdCheckIn")).isNull();
    assertThat(mailsSent).filteredOn("onboarding/check-in"::equals).hasSize(2);
  }

  private void reachSuccessCall(ProcessInstance pi) {
    moveClock(Duration.ofDays(1).plusMinutes(1));
    fireTimer("FirstCheckIn");
    execute(job("SendCheckInReminder"));
    moveClock(Duration.ofDays(2));
    fireTimer("SecondCheckIn");
    execute(job("SendCheckInReminder"));
    moveClock(Duration.ofDays(4));
    fireTimer("ThirdCheckIn");
    execute(job("SendCheckInReminder"));
    assertThat(mailsSent).filteredOn("onboarding/check-in"::equals).hasSize(3);
    moveClock(Duration.ofDays(7));
    fireTimer("ActivationDeadlinePassed");
    assertThat(pi).isWaitingAt("SummarizeOnboarding");
    execute(job("SummarizeOnboarding"));
    assertThat(pi).isWaitingAt("CallCustomer");
    assertThat(task()).hasCandidateGroup("success");
    assertThat(task().getDueDate()).isAfter(now);
  }

  @Test
  void stalledCustomerGetsACallAndExtensionThenActivatesLate() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    completeStep(1);
    reachSuccessCall(pi);

    complete(task(), withVariables("callOutcome", "extend", "callNotes", "Will finish next week"));
    execute(job());
    assertThat(pi).hasPassed("LogCallInCrm");
    assertThat(pi).isWaitingAt("WaitForSetupStep");
    completeStep(5);
    finishActivation(pi);
    assertThat(crmStages).containsExactly("CUSTOMER", "CUSTOMER", "CUSTOMER");
  }

  @Test
  void callOutcomeSalesHandsTheCustomerOver() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    reachSuccessCall(pi);
    complete(task(), withVariables("callOutcome", "sales"));
    execute(job());
    execute(job());
    assertThat(pi).hasPassed("HandOverToSales", "HandedToSales").isEnded();
    assertThat(crmStages).containsExactly("CUSTOMER", "CUSTOMER", "SALES_QUALIFIED");
    assertThat(mailsSent).doesNotContain("onboarding/activated");
  }

  @Test
  void callOutcomeCloseEndsTheOnboarding() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    reachSuccessCall(pi);
    complete(task(), withVariables("callOutcome", "close", "callNotes", "No longer interested"));
    execute(job());
    execute(job());
    assertThat(pi).hasPassed("CloseOnboarding", "OnboardingClosed").isEnded();
    assertThat(crmStages).containsExactly("CUSTOMER", "CUSTOMER", "OTHER");
  }

  @Test
  void stepsCompletedWhileTheCallIsOpenAreSeenWhenTheChecklistResumes() {
    ProcessInstance pi = startSignup();
    verifyAndWelcome(pi);
    reachSuccessCall(pi);
    completeStep(5); // nobody waits for the message now; the table has it
    assertThat(pi).isWaitingAt("CallCustomer");
    complete(task(), withVariables("callOutcome", "extend"));
    execute(job());
    finishActivation(pi);
  }
}
