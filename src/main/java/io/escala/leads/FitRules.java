package io.escala.leads;

import java.util.List;

/** The analyst-owned part of lead scoring: how well a lead fits, and where a total score routes it. */
public interface FitRules {

  /** Every rule that matches the profile, with its points; an empty list when none does. */
  List<ScoreReason> evaluate(LeadProfile profile);

  /** {@code hot}, {@code warm} or {@code cold}. */
  String route(int totalScore);
}
