package io.escala.leads;

import io.escala.support.MigratedTestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole score: fit from the rules, engagement from recorded events, route, and the stored history. */
class LeadScoringTest {

  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");
  private static final String LEAD = "ana@example.com";
  private static final LeadProfile PROFILE = new LeadProfile("51-200", "5k-20k", "manager", "MX", "marketing-automation");

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("scoringtest");
  private final EngagementEvents events = new EngagementEvents(database.jdbc, database.transactionManager);
  private final LeadScoreHistory history = new LeadScoreHistory(database.jdbc);
  private final FixedFitRules fitRules = new FixedFitRules();
  private final LeadScoring scoring = new LeadScoring(
      fitRules, events, new EngagementScore(LeadScoringProperties.defaults()), history);

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void fitPlusDecayedEngagementRoutesTheLeadAndExplainsEveryPoint() {
    events.record(LEAD, EngagementType.WEBINAR_ATTENDED, "ai-101", "w1", NOW.minus(Duration.ofDays(7)));
    events.record(LEAD, EngagementType.LINK_CLICK, "/pricing", "c1", NOW.minus(Duration.ofDays(14)));
    // older than the 180-day lookback: not even a reason line
    events.record(LEAD, EngagementType.REPLY, null, "r0", NOW.minus(Duration.ofDays(200)));

    LeadScore score = scoring.score(LEAD, PROFILE, NOW);

    // 15 × 0.5^0.5 = 10.607 + 5 × 0.5 = 2.5 → 13
    assertThat(score.fit()).isEqualTo(45);
    assertThat(score.engagement()).isEqualTo(13);
    assertThat(score.total()).isEqualTo(58);
    assertThat(score.route()).isEqualTo("warm");
    assertThat(fitRules.routedTotals).containsExactly(58);
    assertThat(score.reasonsText()).isEqualTo("""
        +15 budget-5k-plus
        +30 rest-of-the-fit
        +5 link-clicks 1
        +15 webinars-attended 1
        \u22127 inactive-days 7""");
    assertThat(LeadBundles.texts().lines(score.reasons(), Locale.ENGLISH)).isEqualTo("""
        +15 budget ≥ 5k USD/month
        +30 rest-of-the-fit
        +5 1 link click
        +15 1 webinar attended
        \u22127 no activity for 7 days""");
    assertThat(score.computedAt()).isEqualTo(NOW);
  }

  @Test
  void aReplyMakesTheLeadHotAndTheHistoryShowsHowItGotThere() {
    events.record(LEAD, EngagementType.WEBINAR_ATTENDED, "ai-101", "w1", NOW.minus(Duration.ofDays(7)));
    LeadScore warm = scoring.score(LEAD, PROFILE, NOW);
    Instant later = NOW.plus(Duration.ofHours(2));
    events.record(LEAD, EngagementType.REPLY, "Quiero una demo", "r1", later);

    LeadScore hot = scoring.score(LEAD, PROFILE, later);

    assertThat(warm.total()).isEqualTo(56);
    assertThat(hot.total()).isEqualTo(66);
    assertThat(hot.route()).isEqualTo("hot");
    assertThat(history.of(LEAD)).containsExactly(hot, warm);
  }

  @Test
  void theTimeIsKeptToTheMicrosecondTheDatabaseStores() {
    LeadScore score = scoring.score(LEAD, PROFILE, NOW.plusNanos(123_456_789));

    assertThat(score.computedAt()).isEqualTo(NOW.plusNanos(123_456_000));
    assertThat(history.of(LEAD)).containsExactly(score);
  }

  @Test
  void erasureForgetsEventsAndHistory() {
    events.record(LEAD, EngagementType.REPLY, null, "r1", NOW);
    scoring.score(LEAD, PROFILE, NOW);

    scoring.erase(" Ana@Example.com ");

    assertThat(events.since(LEAD, Instant.EPOCH)).isEmpty();
    assertThat(history.of(LEAD)).isEmpty();
  }

  /** Stands in for the DMN tables (tested on their own), with the same route thresholds. */
  private static final class FixedFitRules implements FitRules {

    final List<Integer> routedTotals = new ArrayList<>();

    @Override
    public List<ScoreReason> evaluate(LeadProfile profile) {
      return List.of(new ScoreReason(15, "budget-5k-plus"), new ScoreReason(30, "rest-of-the-fit"));
    }

    @Override
    public String route(int totalScore) {
      routedTotals.add(totalScore);
      return totalScore >= 60 ? "hot" : totalScore >= 25 ? "warm" : "cold";
    }
  }
}
