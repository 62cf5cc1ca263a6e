package io.escala.platform;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * A refusal by the other side that is a business outcome (the CRM rejects a contact's data, a payment is declined, a
 * document fails its checks): the diagram decides what follows. Where the running activity has an error boundary
 * event for the code, the refusal is a {@link BpmnError} it catches; where the analyst has not modelled it, no retry
 * would help, so it is an incident at once ({@link NonRetryableException}) that names the code to model, never a
 * silently ended case.
 */
public final class BusinessRefusal {

  private BusinessRefusal() {}

  /** The exception to throw for refusal {@code code} at the activity {@code execution} runs. */
  public static RuntimeException of(DelegateExecution execution, String code, String message, Throwable cause) {
    if (caughtHere(execution, code)) {
      return new BpmnError(code, message, cause);
    }
    return new NonRetryableException(message + " (refusal '" + code + "': model an error boundary event with this"
        + " code on " + execution.getCurrentActivityId() + " to handle it in the diagram)", cause);
  }

  private static boolean caughtHere(DelegateExecution execution, String code) {
    FlowElement element = execution.getBpmnModelElementInstance();
    if (!(element instanceof Activity activity)) {
      return false;
    }
    return activity.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(boundary -> boundary.getAttachedTo() == activity)
        .flatMap(boundary -> boundary.getEventDefinitions().stream())
        .filter(ErrorEventDefinition.class::isInstance)
        .map(ErrorEventDefinition.class::cast)
        .anyMatch(definition -> definition.getError() == null || code.equals(definition.getError().getErrorCode()));
  }
}
