package io.escala.onboarding;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the history of onboarding cases that ended in "Not verified, data erased": the history holds the person's
 * name and e-mail in variables, and they never became a customer. A case cannot delete its own history while it
 * runs, so this sweep does it shortly after.
 */
@Component
public class ErasureSweep {

  private static final Logger log = LoggerFactory.getLogger(ErasureSweep.class);

  private final HistoryService historyService;

  public ErasureSweep(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Scheduled(fixedDelayString = "${escala.onboarding.erasure-sweep-interval:PT5M}",
      initialDelayString = "${escala.onboarding.erasure-sweep-interval:PT5M}")
  public int purgeErasedCases() {
    List<String> ids = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(OnboardingProcess.KEY)
        .finished()
        .executedActivityIdIn("DataErased")
        .listPage(0, 500).stream()
        .map(HistoricProcessInstance::getId)
        .toList();
    if (!ids.isEmpty()) {
      historyService.deleteHistoricProcessInstancesIfExists(ids);
      log.info("Purged the history of {} unverified signups", ids.size());
    }
    return ids.size();
  }
}
