package io.escala.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.platform.NonRetryableJobFailures;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.TestOpenAi;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running application: a {@code generateText} step whose job fails after the LLM answered (the next step in the
 * same transaction throws once) is retried without a second request to the API.
 */
class LlmStepRetryH2IT extends EscalaIntegrationTest {

  private static final String PROCESS = "llm-step-retry-test";
  private static final AtomicInteger deliveries = new AtomicInteger();

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  LlmUsageLog usageLog;

  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void deployAndStub() {
    processEngine.getRepositoryService().createDeployment().name(PROCESS)
        .addModelInstance(PROCESS + ".bpmn", process()).enableDuplicateFiltering(true).deploy();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("first lines of a welcome e-mail"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion("{\"text\":\"Que bom ter você na Escala: seus cursos em semanas.\"}"))));
    deliveries.set(0);
  }

  @Test
  void aRetriedJobReusesTheAnswerItAlreadyPaidFor() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS,
        Map.of("firstName", "Ana", "goal", "Vender cursos online", "language", "pt-BR"));
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("SMTP down");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM llm_answer WHERE process_instance_id = ?")
        .param(instance.getId()).query(Integer.class).single()).as("kept for the retry").isEqualTo(1);
    managementService.executeJob(job.getId());

    assertThat(TestOpenAi.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(containing("first lines of a welcome e-mail")))).hasSize(1);
    assertThat(deliveries).hasValue(2);
    assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("welcomeText").singleResult().getValue())
        .isEqualTo("Que bom ter você na Escala: seus cursos em semanas.");
    assertThat(usageLog.callsOf(instance.getId())).extracting(LlmCall::outcome)
        .containsExactly(LlmCallOutcome.OK, LlmCallOutcome.CACHED);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM llm_answer WHERE process_instance_id = ?")
        .param(instance.getId()).query(Integer.class).single()).as("deleted with the job's commit").isZero();
  }

  @Test
  void theEngineUsesTheNonRetryableFailureHandling() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getFailedJobCommandFactory().getClass().getEnclosingClass())
        .isEqualTo(NonRetryableJobFailures.class);
  }

  private static BpmnModelInstance process() {
    return Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("WriteWelcome").camundaDelegateExpression("${generateText}").camundaAsyncBefore()
        .camundaFailedJobRetryTimeCycle("R3/PT1M")
        .camundaInputParameter("promptId", "llmtest.welcome")
        .camundaInputParameter("outputVariable", "welcomeText")
        .camundaInputParameter("inputVariables", "firstName,goal,language")
        .serviceTask("SendWelcome").camundaClass(SmtpDownOnce.class)
        .endEvent()
        .done();
  }

  /** Stands in for the e-mail step of the same transaction: the first attempt finds SMTP down. */
  public static class SmtpDownOnce implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      if (deliveries.incrementAndGet() == 1) {
        throw new IllegalStateException("SMTP down");
      }
    }
  }
}
