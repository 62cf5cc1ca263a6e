package io.escala.leads;

import io.escala.crm.Crm;
import io.escala.mail.MailOutbox;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right to erasure for a lead: its cases (running and history), Escala's own records (lead, submissions, consent
 * requests, need analysis, events, scores, tracked links, marketing sends, e-mails) and the CRM contact.
 */
@Service
public class LeadErasure {

  private static final Logger log = LoggerFactory.getLogger(LeadErasure.class);

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final LeadRepository leads;
  private final LeadScoring scoring;
  private final TrackedLinks trackedLinks;
  private final MarketingFrequencyCap cap;
  private final MailOutbox mailOutbox;
  private final Crm crm;
  private final LeadSubmissions submissions;
  private final MarketingConsents consents;
  private final NeedAnalyses needAnalyses;

  public LeadErasure(RuntimeService runtimeService, HistoryService historyService, LeadRepository leads,
      LeadScoring scoring, TrackedLinks trackedLinks, MarketingFrequencyCap cap, MailOutbox mailOutbox, Crm crm,
      LeadSubmissions submissions, MarketingConsents consents, NeedAnalyses needAnalyses) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.leads = leads;
    this.scoring = scoring;
    this.trackedLinks = trackedLinks;
    this.cap = cap;
    this.mailOutbox = mailOutbox;
    this.crm = crm;
    this.submissions = submissions;
    this.consents = consents;
    this.needAnalyses = needAnalyses;
  }

  /** @return false when Escala knows nothing of this address */
  @Transactional
  public boolean erase(String email) {
    String key = LeadKeys.of(email);
    boolean known = leads.find(key).isPresent() || !submissions.of(key, 1).isEmpty();
    for (ProcessInstance running : runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(LeadProcess.KEY).processInstanceBusinessKey(key).list()) {
      runtimeService.deleteProcessInstance(running.getId(), "erased on request", true, true);
    }
    List<String> history = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(LeadProcess.KEY).processInstanceBusinessKey(key).list().stream()
        .map(HistoricProcessInstance::getId).toList();
    if (!history.isEmpty()) {
      historyService.deleteHistoricProcessInstancesIfExists(history);
    }
    scoring.erase(key);
    trackedLinks.forget(key);
    cap.forget(key);
    mailOutbox.eraseRecipient(key);
    consents.deleteAll(key);
    submissions.deleteAll(key);
    needAnalyses.delete(key);
    leads.delete(key);
    crm.deleteContact(key);
    log.info("Lead erased on request ({} cases)", history.size());
    return known || !history.isEmpty();
  }
}
