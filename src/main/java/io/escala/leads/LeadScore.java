package io.escala.leads;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A lead's score at one moment: fit (from the analyst's decision table) plus engagement (decaying with inactivity),
 * the route it gives, and every reason behind the points (fit reasons first).
 *
 * @param route {@code hot}, {@code warm} or {@code cold}, from the {@code lead-route} decision
 */
public record LeadScore(
    int fit, int engagement, int total, String route, List<ScoreReason> reasons, Instant computedAt) {

  public LeadScore {
    reasons = List.copyOf(reasons);
  }

  /**
   * One reason per line in the language-free form the history stores ("+6 page-visits 2"); people read
   * {@link ScoreReasonTexts#lines}.
   */
  public String reasonsText() {
    return reasons.stream().map(ScoreReason::label).collect(Collectors.joining("\n"));
  }
}
