package io.escala.llm;

import io.escala.platform.IdempotencyKeys;
import java.util.Optional;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/** The BPMN step a language-model call is made from, if any: what a cached answer belongs to. */
@FunctionalInterface
interface CurrentStep {

  record Step(String key, String processInstanceId) {}

  Optional<Step> of(String taskId);

  /** Outside a job (a web request, a unit test): nothing to cache for. */
  CurrentStep NONE = taskId -> Optional.empty();

  /**
   * The execution the engine is running on this thread. The key leaves the execution id out
   * ({@link IdempotencyKeys#perIteration}): the request hash already tells different inputs apart, and the execution
   * of a waiting job can change between two attempts (non-interrupting event sub-process).
   */
  CurrentStep CAMUNDA = taskId -> {
    if (!(Context.getCoreExecutionContext() instanceof BpmnExecutionContext context)) {
      return Optional.empty();
    }
    ExecutionEntity execution = context.getExecution();
    if (execution == null || execution.getProcessInstanceId() == null) {
      return Optional.empty();
    }
    return Optional.of(new Step(IdempotencyKeys.perIteration(execution, "llm:" + taskId),
        execution.getProcessInstanceId()));
  };
}
