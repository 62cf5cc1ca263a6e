package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real engine with the plugin, one async service task with {@code R3/PT1M}, and three kinds of failure. */
class NonRetryableJobFailuresTest {

  private ProcessEngine engine;

  @BeforeEach
  void startEngine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:non-retryable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.setProcessEnginePlugins(List.of(new NonRetryableJobFailures()));
    configuration.setProcessEngineName("non-retryable-" + UUID.randomUUID());
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment()
        .addModelInstance("failing.bpmn", process("badKey", BadApiKey.class))
        .addModelInstance("flaky.bpmn", process("outage", Outage.class))
        .addModelInstance("refused.bpmn", process("refusal", Refusal.class))
        .deploy();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  @Test
  void aNonRetryableFailureIsAnIncidentAfterOneAttempt() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("badKey");
    Job job = onlyJob(instance);

    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .satisfies(failure -> assertThat(NonRetryableException.isIn(failure)).isTrue());

    Job failed = onlyJob(instance);
    assertThat(failed.getRetries()).isZero();
    assertThat(failed.getExceptionMessage()).contains("check escala.llm.api-key");
    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery()
        .processInstanceId(instance.getId()).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId()).isEqualTo("Call");
      assertThat(incident.getIncidentMessage()).contains("check escala.llm.api-key");
    });
  }

  @Test
  void anOrdinaryFailureKeepsTheRetryTimeCycle() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("outage");
    Job job = onlyJob(instance);

    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("connection refused");

    Job failed = onlyJob(instance);
    assertThat(failed.getRetries()).isEqualTo(2);
    assertThat(failed.getDuedate()).as("next attempt after PT1M").isNotNull();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
        .isZero();
  }

  @Test
  void aBusinessRefusalIsStillABpmnErrorOnItsBoundaryEvent() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("refusal");

    engine.getManagementService().executeJob(onlyJob(instance).getId());

    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("Refused").count()).isEqualTo(1);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  private Job onlyJob(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static BpmnModelInstance process(String key, Class<? extends JavaDelegate> delegate) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Call").camundaClass(delegate).camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1M")
        .boundaryEvent("RefusedEvent").error("REFUSED")
        .endEvent("Refused")
        .moveToActivity("Call")
        .endEvent("Done")
        .done();
  }

  public static class BadApiKey implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      throw new NonRetryableException("HTTP 401: check escala.llm.api-key",
          new IllegalStateException("401 Unauthorized"));
    }
  }

  public static class Outage implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      throw new IllegalStateException("connection refused");
    }
  }

  public static class Refusal implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      throw new BpmnError("REFUSED", "the CRM refused the deal");
    }
  }
}
