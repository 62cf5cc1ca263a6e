package io.escala.leads;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Scores a lead (fit + engagement), routes it, and keeps the score in its history. */
@Service
public class LeadScoring {

  private final FitRules fitRules;
  private final EngagementEvents events;
  private final EngagementScore engagementScore;
  private final LeadScoreHistory history;

  public LeadScoring(
      FitRules fitRules, EngagementEvents events, EngagementScore engagementScore, LeadScoreHistory history) {
    this.fitRules = fitRules;
    this.events = events;
    this.engagementScore = engagementScore;
    this.history = history;
  }

  public LeadScore score(String leadKey, LeadProfile profile, Instant now) {
    // the database keeps microseconds: the returned score equals the one read back from the history
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    List<ScoreReason> fitReasons = fitRules.evaluate(profile);
    int fit = fitReasons.stream().mapToInt(ScoreReason::points).sum();
    Engagement engagement = engagementScore.at(at, events.since(leadKey, engagementScore.countedFrom(at)));
    int total = fit + engagement.points();
    List<ScoreReason> reasons = new ArrayList<>(fitReasons);
    reasons.addAll(engagement.reasons());
    LeadScore score = new LeadScore(fit, engagement.points(), total, fitRules.route(total), reasons, at);
    history.record(leadKey, score);
    return score;
  }

  /** Erasure of everything lead scoring keeps about the lead. */
  public void erase(String leadKey) {
    events.deleteAll(leadKey);
    history.deleteAll(leadKey);
  }
}
