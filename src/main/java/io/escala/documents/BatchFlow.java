package io.escala.documents;

import io.escala.platform.CaseMessages;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the rest of Escala talks to processes/bulk-document-approval.bpmn: start the case of a received batch, cancel
 * it, and finish its review. The state lives in Escala's tables; messages ({@code BatchGenerated},
 * {@code BatchCancelled}) are only the wake-up, sent through {@link CaseMessages} so that a case busy in a job, or
 * not waiting yet, still gets them.
 */
@Service
public class BatchFlow {

  public static final String PROCESS = "bulk-document-approval";
  static final String BATCH_GENERATED = "BatchGenerated";
  static final String BATCH_CANCELLED = "BatchCancelled";
  static final String REVIEW_TASK = "ReviewSample";

  private final DocumentBatches batches;
  private final CaseMessages messages;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final TaskService tasks;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  BatchFlow(DocumentBatches batches, CaseMessages messages, RuntimeService runtime, HistoryService history,
      TaskService tasks, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.batches = batches;
    this.messages = messages;
    this.runtime = runtime;
    this.history = history;
    this.tasks = tasks;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  static String businessKey(long batchId) {
    return Long.toString(batchId);
  }

  /**
   * Names who the batch is for and how it is generated, and starts its case, in one transaction: a batch whose rows
   * are in (status READY) is never left described without a case, or with a case and no requester. Starting twice
   * starts one case: the batch row is locked while the engine is asked whether the case exists.
   *
   * @throws IllegalStateException the batch is not READY (the intake refused the file, or it has started)
   */
  public void start(long batchId, DocumentBatch.Requester requester, DocumentBatch.Mode mode) {
    transaction.executeWithoutResult(status -> {
      boolean ready = jdbc.sql("SELECT id FROM document_batch WHERE id = :id AND status = 'READY' FOR UPDATE")
          .param("id", batchId).query(Long.class).optional().isPresent();
      if (!ready) {
        throw new IllegalStateException("batch " + batchId + " is not ready to start");
      }
      boolean started = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
          .processInstanceBusinessKey(businessKey(batchId)).count() > 0;
      if (!started) {
        batches.describe(batchId, requester, mode);
        runtime.createProcessInstanceByKey(PROCESS).businessKey(businessKey(batchId))
            .setVariable("batchId", batchId).execute();
      }
    });
  }

  /**
   * Cancels the batch (rows still to generate end as cancelled) and tells its case, which writes to the requester.
   *
   * @return {@code false}: too late (approved, rejected, delivered) or cancelled already
   */
  public boolean cancel(long batchId, String by) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      if (!batches.cancel(batchId, by)) {
        return false;
      }
      messages.send(BATCH_CANCELLED, businessKey(batchId));
      return true;
    }));
  }

  /** The open "Review sample" task of the batch's case. */
  public Optional<String> reviewTaskId(long batchId) {
    return Optional.ofNullable(tasks.createTaskQuery().processDefinitionKey(PROCESS)
        .processInstanceBusinessKey(businessKey(batchId)).taskDefinitionKey(REVIEW_TASK).singleResult())
        .map(Task::getId);
  }

  /**
   * Completes the reviewers' task, as {@code userId}: the case then settles the review from the decisions in the
   * tables ({@code settleReview}), so nothing the page could send is trusted as the outcome.
   *
   * @return {@code false}: no review task is open for the batch
   */
  public boolean finishReview(long batchId, String userId) {
    Optional<String> task = reviewTaskId(batchId);
    if (task.isEmpty()) {
      return false;
    }
    Task open = tasks.createTaskQuery().taskId(task.get()).singleResult();
    if (open.getAssignee() == null) {
      tasks.claim(open.getId(), userId);
    }
    tasks.complete(open.getId());
    return true;
  }

  /** The worker (or economy mode) that closed the batch wakes its case. */
  @EventListener
  void batchGenerated(BatchGenerated event) {
    messages.send(BATCH_GENERATED, businessKey(event.batchId()));
  }
}
