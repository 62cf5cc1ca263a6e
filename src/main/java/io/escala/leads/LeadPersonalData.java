package io.escala.leads;

import io.escala.platform.PersonalDataHolder;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The lead with consent, events, scores, tracked links and marketing sends; its cases are keyed by the address. */
@Component
class LeadPersonalData implements PersonalDataHolder {

  private final LeadRepository leads;
  private final LeadScoring scoring;
  private final TrackedLinks trackedLinks;
  private final MarketingFrequencyCap cap;

  LeadPersonalData(LeadRepository leads, LeadScoring scoring, TrackedLinks trackedLinks, MarketingFrequencyCap cap) {
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
    leads.delete(key);
  }
}
