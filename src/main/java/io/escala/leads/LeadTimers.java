package io.escala.leads;

import org.springframework.stereotype.Component;

/** Durations the lead-nurturing diagram reads ({@code ${leadTimers.demoOutcomeWait}}), from configuration. */
@Component("leadTimers")
public class LeadTimers {

  private final NurtureProperties nurture;

  LeadTimers(NurtureProperties nurture) {
    this.nurture = nurture;
  }

  /** ISO-8601, as a timer's timeDuration wants it. */
  public String getDemoOutcomeWait() {
    return nurture.demoOutcomeWait().toString();
  }
}
