package io.escala.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * Keys for external calls made from a BPMN activity (e-mail, CRM, payment), so a retried job repeats nothing:
 * {@code processInstanceId:activityId:executionId:target}.
 *
 * <p>The execution id tells apart the same activity reached twice in one instance (another scope, a boundary-event
 * path, a loop through a sub-process) and must stay the same across the retries of one job. A task with input
 * parameters is a scope: the engine runs it in a child execution created anew on each attempt, so for such tasks the
 * id of the parent, which carries the job, is used.
 */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /** @param target what the call acts on, already normalized by the caller (e.g. a lower-cased e-mail address) */
  public static String of(DelegateExecution execution, String target) {
    return execution.getProcessInstanceId()
        + ":" + execution.getCurrentActivityId()
        + ":" + stableExecutionId(execution)
        + ":" + target;
  }

  /**
   * {@code processInstanceId:activityId:target}, for a step that counts its own iterations and names the iteration
   * in {@code target} (e.g. {@code ana@x.com#2}). Leaves the execution out: while a non-interrupting event
   * sub-process runs, the engine moves a waiting job to a new concurrent execution, so an execution id is not stable
   * across a retry there.
   */
  public static String perIteration(DelegateExecution execution, String target) {
    return execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId() + ":" + target;
  }

  static String stableExecutionId(DelegateExecution execution) {
    if (execution instanceof ActivityExecution activityExecution
        && activityExecution.getActivity() != null
        && activityExecution.getActivity().isScope()
        && execution.getParentId() != null) {
      return execution.getParentId();
    }
    return execution.getId();
  }
}
