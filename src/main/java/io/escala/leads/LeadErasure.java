package io.escala.leads;

import io.escala.platform.CaseErasure;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right to erasure for a lead: its cases (running and history), Escala's own records (lead, submissions, consent
 * requests, need analysis, events, scores, tracked links, marketing sends, e-mails) and the CRM contact.
 */
@Service
public class LeadErasure {

  private final LeadRepository leads;
  private final LeadSubmissions submissions;
  private final HistoryService historyService;
  private final CaseErasure erasure;

  public LeadErasure(LeadRepository leads, LeadSubmissions submissions, HistoryService historyService,
      CaseErasure erasure) {
    this.leads = leads;
    this.submissions = submissions;
    this.historyService = historyService;
    this.erasure = erasure;
  }

  /**
   * Erases the person everywhere (CaseErasure asks every feature, so a lead who also signed up loses that too).
   *
   * @return false when Escala knew nothing of this address as a lead
   */
  @Transactional
  public boolean erase(String email) {
    String key = LeadKeys.of(email);
    boolean known = leads.find(key).isPresent() || !submissions.of(key, 1).isEmpty()
        || historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count() > 0;
    erasure.erase(email);
    return known;
  }
}
