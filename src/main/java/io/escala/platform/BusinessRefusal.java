package io.escala.platform;

import java.util.Collection;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

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

  /**
   * Whether Camunda would deliver the error somewhere: an error boundary event on the activity or on an enclosing
   * sub-process, or an error start event of an event sub-process in one of the enclosing scopes. An error definition
   * without a code catches every code.
   */
  private static boolean caughtHere(DelegateExecution execution, String code) {
    FlowElement element = execution.getBpmnModelElementInstance();
    if (element == null) {
      return false;
    }
    Collection<BoundaryEvent> boundaries = element.getModelInstance().getModelElementsByType(BoundaryEvent.class);
    ModelElementInstance scope = element;
    while (scope != null) {
      ModelElementInstance current = scope;
      if (current instanceof Activity activity && boundaries.stream()
          .filter(boundary -> boundary.getAttachedTo() == activity)
          .flatMap(boundary -> boundary.getEventDefinitions().stream())
          .anyMatch(definition -> catches(definition, code))) {
        return true;
      }
      ModelElementInstance parent = current.getParentElement();
      if (parent instanceof SubProcess || parent instanceof Process) {
        boolean handledInside = parent.getChildElementsByType(SubProcess.class).stream()
            .filter(SubProcess::triggeredByEvent)
            .flatMap(eventSubProcess -> eventSubProcess.getChildElementsByType(StartEvent.class).stream())
            .flatMap(start -> start.getEventDefinitions().stream())
            .anyMatch(definition -> catches(definition, code));
        if (handledInside) {
          return true;
        }
      }
      scope = parent instanceof Process ? null : parent;
    }
    return false;
  }

  private static boolean catches(EventDefinition definition, String code) {
    if (!(definition instanceof ErrorEventDefinition error)) {
      return false;
    }
    return error.getError() == null || error.getError().getErrorCode() == null
        || code.equals(error.getError().getErrorCode());
  }
}
