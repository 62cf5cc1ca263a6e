package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention is Camunda's history cleanup (removal time = end + the definition's time to live, nightly window), and
 * erasure on request takes a person's cases with their history, including the decisions evaluated for them.
 */
class RetentionAndErasureIT extends EscalaIntegrationTest {

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired CaseErasure caseErasure;

  @Test
  void historyCleanupIsConfiguredAsTheOneRetentionPolicy() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
  }

  @Test
  void anEndedCaseIsRemovedByHistoryCleanupOnceItsTimeToLiveHasPassed() {
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("lead-nurturing",
        "retention-" + UUID.randomUUID() + "@example.com", Map.of());
    runtimeService.deleteProcessInstance(pi.getId(), "ended for the test");
    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).singleResult();
    assertThat(ended.getRemovalTime()).as("removal time = end + 180 days")
        .isCloseTo(java.util.Date.from(ended.getEndTime().toInstant().plus(Duration.ofDays(180))), 1000);

    runCleanup();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count())
        .as("kept within its time to live").isOne();

    moveClock(Duration.ofDays(181));
    runCleanup();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void erasureTakesTheDecisionsEvaluatedForTheCase() {
    String email = "decisiones-" + UUID.randomUUID().toString().substring(0, 8) + "@empresa.example";
    String page = http.get("/contact").body();
    http.postForm("/contact", Map.ofEntries(Map.entry("name", "Dora Decisión"), Map.entry("email", email),
        Map.entry("company", "Colegio Andino"), Map.entry("role", "executive"), Map.entry("companySize", "51-200"),
        Map.entry("country", "CO"), Map.entry("budgetRange", "5k-20k"), Map.entry("interest", "ai-courses"),
        Map.entry("need", "Formar docentes en IA"), Map.entry("website", "")), page);
    runDueJobs();
    ProcessInstance lead = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(email)
        .singleResult();
    String caseId = lead != null ? lead.getId() : historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(email).singleResult().getId();
    long decisionsOfCase = historyService.createHistoricDecisionInstanceQuery().processInstanceId(caseId).count();
    assertThat(decisionsOfCase).as("scoring decisions recorded with the case").isPositive();
    long allDecisions = historyService.createHistoricDecisionInstanceQuery().count();

    caseErasure.erase(email.toUpperCase());

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(email).count())
        .isZero();
    assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(caseId).count()).isZero();
    assertThat(historyService.createHistoricDecisionInstanceQuery().count())
        .as("no decision about the person stays behind").isEqualTo(allDecisions - decisionsOfCase);
  }

  private void runCleanup() {
    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());
  }
}
