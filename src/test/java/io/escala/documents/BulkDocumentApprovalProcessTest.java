package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route of processes/bulk-document-approval.bpmn: generated → sampled → approved and delivered (after a review
 * completed too early in Tasklist); regenerated with the reviewers' comments, then rejected; cancelled while
 * generating, while in review and after the review settled; a stuck batch escalated to the document team, kept
 * waiting or abandoned. The delegates are recorders; the review outcome is what "Settle review" reads from the
 * tables, played here from a queue.
 */
@Deployment(resources = {"processes/bulk-document-approval.bpmn",
    "forms/document-review-sample-es.form", "forms/document-review-sample-pt-BR.form",
    "forms/document-review-sample-en.form", "forms/document-stuck-batch-es.form",
    "forms/document-stuck-batch-pt-BR.form", "forms/document-stuck-batch-en.form"})
class BulkDocumentApprovalProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder()
      .configurationResource("camunda-process-test.cfg.xml")
      .assertClassCoverageAtLeast(1.0)
      .build();

  private static final String BATCH = "41";
  private static final Duration STUCK_AFTER = Duration.ofHours(2);

  private Instant now;
  private final List<String> done = new ArrayList<>();
  private final Deque<String> outcomes = new ArrayDeque<>();

  @BeforeEach
  void registerDelegates() {
    now = Instant.parse("2026-12-01T12:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    Mocks.register("documentTeam", new TeamLanguage());
    Mocks.register("sendBatchMail", (JavaDelegate) execution -> done.add("mail " + execution.getVariable("mail")));
    Mocks.register("startGeneration", (JavaDelegate) execution -> {
      execution.setVariable("batchLabel", "#41 · Carta de bienvenida v3 (512)");
      execution.setVariable("stuckAfter", STUCK_AFTER.toString());
      execution.setVariable("stuckTaskDue", Date.from(now.plus(STUCK_AFTER).plus(Duration.ofHours(4))));
      done.add("start");
    });
    Mocks.register("drawReviewSample", (JavaDelegate) execution -> {
      execution.setVariable("sampleSize", 26);
      execution.setVariable("reviewDue", Date.from(now.plus(Duration.ofDays(2))));
      done.add("draw");
    });
    Mocks.register("settleReview", (JavaDelegate) execution -> {
      String outcome = outcomes.pop();
      execution.setVariable("reviewOutcome", outcome);
      done.add("settle " + outcome);
    });
    Mocks.register("regenerateDocuments", (JavaDelegate) execution -> {
      execution.setVariable("stuckTaskDue", Date.from(now.plus(STUCK_AFTER).plus(Duration.ofHours(4))));
      done.add("regenerate");
    });
    Mocks.register("approveBatch", (JavaDelegate) execution -> done.add("approve"));
    Mocks.register("cancelBatch", (JavaDelegate) execution -> done.add("cancel"));
  }

  /** The document team and reviewers work in Portuguese in these tests. */
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

  private ProcessInstance received() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(BatchFlow.PROCESS, BATCH,
        withVariables("batchId", 41L));
    assertThat(pi).isWaitingAt("SendStartedMail");
    execute(job("SendStartedMail"));
    execute(job("StartGeneration"));
    assertThat(pi).isWaitingAt("WaitForDocuments");
    return pi;
  }

  private void generated(ProcessInstance pi) {
    runtimeService().createMessageCorrelation(BatchFlow.BATCH_GENERATED).processInstanceBusinessKey(BATCH)
        .correlateWithResult();
    assertThat(pi).hasPassed("DocumentsReady");
    execute(job("DrawSample"));
    assertThat(pi).isWaitingAt("ReviewSample");
    assertThat(task()).hasCandidateGroup("reviewers");
    assertThat(formOf(task())).isEqualTo("document-review-sample-pt-BR");
    assertThat(task().getName()).isEqualTo("Review sample: #41 · Carta de bienvenida v3 (512)");
    assertThat(task().getDueDate()).isEqualTo(Date.from(now.plus(Duration.ofDays(2))));
  }

  private static String formOf(org.camunda.bpm.engine.task.Task task) {
    return org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService().getTaskFormData(task.getId())
        .getCamundaFormRef().getKey();
  }

  private void cancelled() {
    runtimeService().createMessageCorrelation(BatchFlow.BATCH_CANCELLED).processInstanceBusinessKey(BATCH)
        .correlateWithResult();
  }

  private void moveClock(Duration by) {
    now = now.plus(by);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @Test
  void aGoodSampleIsApprovedAndTheDownloadLinkSent() {
    ProcessInstance pi = received();
    generated(pi);
    // a reviewer completes the task in Tasklist before deciding every document: it comes back
    outcomes.add("INCOMPLETE");
    outcomes.add("APPROVED");
    complete(task());
    execute(job("SettleReview"));
    assertThat(pi).isWaitingAt("ReviewSample");
    complete(task());
    execute(job("SettleReview"));
    execute(job("ApproveBatch"));
    execute(job("SendDownloadLink"));
    assertThat(pi).hasPassed("Delivered").isEnded();
    assertThat(done).containsExactly("mail STARTED", "start", "draw", "settle INCOMPLETE", "settle APPROVED",
        "approve", "mail DELIVERED");
  }

  @Test
  void tooManyRejectionsRegenerateWithCommentsAndABatchStillBadIsRejected() {
    ProcessInstance pi = received();
    generated(pi);
    outcomes.add("REGENERATE");
    complete(task());
    execute(job("SettleReview"));
    execute(job("Regenerate"));
    // the regenerated rows are generated like the first ones, then sampled again
    assertThat(pi).isWaitingAt("WaitForDocuments");
    generated(pi);
    outcomes.add("REJECTED");
    complete(task());
    execute(job("SettleReview"));
    execute(job("SendRejectedMail"));
    assertThat(pi).hasPassed("Rejected").isEnded();
    assertThat(done).containsExactly("mail STARTED", "start", "draw", "settle REGENERATE", "regenerate", "draw",
        "settle REJECTED", "mail REJECTED");
  }

  @Test
  void aBatchCancelledWhileGeneratingTellsTheRequester() {
    ProcessInstance pi = received();
    cancelled();
    execute(job("SendCancelledMail"));
    assertThat(pi).hasPassed("CancelledDuringGeneration", "Cancelled").isEnded();
    assertThat(done).containsExactly("mail STARTED", "start", "mail CANCELLED");
  }

  @Test
  void aBatchCancelledInReviewTellsTheRequester() {
    ProcessInstance pi = received();
    generated(pi);
    cancelled();
    assertThat(taskQuery().count()).isZero();
    execute(job("SendCancelledMail"));
    assertThat(pi).hasPassed("CancelledDuringReview", "Cancelled").isEnded();
  }

  @Test
  void aBatchCancelledWhileItsReviewWasSettlingEndsCancelled() {
    ProcessInstance pi = received();
    generated(pi);
    outcomes.add("CANCELLED");
    complete(task());
    execute(job("SettleReview"));
    execute(job("SendCancelledMail"));
    assertThat(pi).hasPassed("Cancelled").hasNotPassed("ApproveBatch").isEnded();
  }

  @Test
  void aStuckBatchGoesToTheDocumentTeamWhoKeepWaiting() {
    ProcessInstance pi = received();
    moveClock(STUCK_AFTER.plusMinutes(1));
    execute(jobQuery().timers().activityId("BatchStuck").singleResult());
    assertThat(pi).isWaitingAt("WaitForDocuments", "LookIntoStuckBatch");
    assertThat(task()).hasCandidateGroup("documents");
    assertThat(formOf(task())).isEqualTo("document-stuck-batch-pt-BR");
    complete(task(), withVariables("stuckDecision", "WAIT", "stuckNote", "El proveedor de IA tuvo una caída"));
    assertThat(pi).hasPassed("KeptWaiting").isWaitingAt("WaitForDocuments");
    generated(pi);
  }

  @Test
  void theLastRowEndsAnOpenStuckTask() {
    ProcessInstance pi = received();
    moveClock(STUCK_AFTER.plusMinutes(1));
    execute(jobQuery().timers().activityId("BatchStuck").singleResult());
    assertThat(pi).isWaitingAt("LookIntoStuckBatch");
    generated(pi);
    assertThat(taskQuery().taskDefinitionKey("LookIntoStuckBatch").count()).isZero();
  }

  @Test
  void aStuckBatchTheTeamGivesUpOnIsCancelled() {
    ProcessInstance pi = received();
    moveClock(STUCK_AFTER.plusMinutes(1));
    execute(jobQuery().timers().activityId("BatchStuck").singleResult());
    complete(task(), withVariables("stuckDecision", "CANCEL", "stuckNote", ""));
    assertThat(pi).hasPassed("AbandonBatch", "Abandoned");
    execute(job("CancelBatch"));
    execute(job("SendCancelledMail"));
    assertThat(pi).hasPassed("Cancelled").isEnded();
    assertThat(done).containsSubsequence("cancel", "mail CANCELLED");
  }
}
