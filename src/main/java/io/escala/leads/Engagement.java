package io.escala.leads;

import java.util.List;

/** Engagement points at one moment; the reasons add up to exactly {@code points}. */
public record Engagement(int points, List<ScoreReason> reasons) {

  public Engagement {
    reasons = List.copyOf(reasons);
  }
}
