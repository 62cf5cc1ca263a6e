package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * A refusal becomes a BpmnError wherever Camunda would deliver it (a boundary event on the task or on an enclosing
 * sub-process, an error event sub-process, a catch-all error), and an incident naming the code where nothing would.
 */
class BusinessRefusalTest {

  private static final String CODE = "crm-contact-refused";

  private static RuntimeException refusalAt(BpmnModelInstance model, String activityId) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getBpmnModelElementInstance()).thenReturn(model.getModelElementById(activityId));
    when(execution.getCurrentActivityId()).thenReturn(activityId);
    return BusinessRefusal.of(execution, CODE, "The CRM refused the contact", null);
  }

  @Test
  void aBoundaryEventOnTheTaskCatchesIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
        .serviceTask("Task").camundaClass("x").boundaryEvent("Refused").error(CODE).endEvent()
        .moveToActivity("Task").endEvent().done();
    assertThat(refusalAt(model, "Task")).isInstanceOf(BpmnError.class);
  }

  @Test
  void aBoundaryEventOnTheEnclosingSubProcessCatchesIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
        .subProcess("Steps").embeddedSubProcess().startEvent().serviceTask("Task").camundaClass("x").endEvent()
        .subProcessDone().boundaryEvent("Refused").error(CODE).endEvent()
        .moveToActivity("Steps").endEvent().done();
    assertThat(refusalAt(model, "Task")).isInstanceOf(BpmnError.class);
  }

  @Test
  void anErrorEventSubProcessOfTheProcessCatchesIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
        .serviceTask("Task").camundaClass("x").endEvent().done();
    org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementById("p");
    process.builder().eventSubProcess("OnRefusal").startEvent("RefusedStart").error(CODE).endEvent();
    assertThat(refusalAt(model, "Task")).isInstanceOf(BpmnError.class);
  }

  @Test
  void anErrorWithoutACodeCatchesEveryCode() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
        .serviceTask("Task").camundaClass("x").boundaryEvent("Anything").error().endEvent()
        .moveToActivity("Task").endEvent().done();
    assertThat(refusalAt(model, "Task")).isInstanceOf(BpmnError.class);
  }

  @Test
  void nothingModelledIsAnIncidentNamingTheCode() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent()
        .serviceTask("Task").camundaClass("x").boundaryEvent("Other").error("other-code").endEvent()
        .moveToActivity("Task").endEvent().done();
    assertThat(refusalAt(model, "Task")).isInstanceOf(NonRetryableException.class)
        .hasMessageContaining(CODE).hasMessageContaining("Task");
  }
}
