package io.escala.leads;

import io.escala.platform.PersonalDataHolder;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The lead with its submissions, consent requests, need analysis, events, scores, tracked links and marketing sends;
 * its cases are keyed by the address.
 */
@Component
class LeadPersonalData implements PersonalDataHolder {

  private final LeadRepository leads;
  private final LeadScoring scoring;
  private final TrackedLinks trackedLinks;
  private final MarketingFrequencyCap cap;
  private final LeadSubmissions submissions;
  private final MarketingConsents consents;
  private final NeedAnalyses needAnalyses;

  LeadPersonalData(LeadRepository leads, LeadScoring scoring, TrackedLinks trackedLinks, MarketingFrequencyCap cap,
      LeadSubmissions submissions, MarketingConsents consents, NeedAnalyses needAnalyses) {
    this.submissions = submissions;
    this.consents = consents;
    this.needAnalyses = needAnalyses;
    this.leads = leads;
    this.scoring = scoring;
    this.trackedLinks = trackedLinks;
    this.cap = cap;
  }

  @Override
  public Set<String> caseKeys(String normalizedEmail) {
    return Set.of(LeadKeys.of(normalizedEmail));
  }

  @Override
  public void erase(String normalizedEmail) {
    String key = LeadKeys.of(normalizedEmail);
    scoring.erase(key);
    trackedLinks.forget(key);
    cap.forget(key);
    consents.deleteAll(key);
    submissions.deleteAll(key);
    needAnalyses.delete(key);
    leads.delete(key);
  }
}
