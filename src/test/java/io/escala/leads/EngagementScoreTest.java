package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementScoreTest {

  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

  private final EngagementScore score = new EngagementScore(LeadScoringProperties.defaults());

  @Test
  void pointsHalveAfterOneHalfLifeWithoutActivity() {
    Engagement engagement = score.at(NOW, List.of(
        event(EngagementType.LINK_CLICK, daysAgo(14)), event(EngagementType.LINK_CLICK, daysAgo(14))));

    assertThat(engagement.points()).isEqualTo(5);
    assertThat(labels(engagement)).containsExactly("+10 2 link clicks", "\u22125 no activity for 14 days");
    // the history keeps codes and counts, not words
    assertThat(engagement.reasons()).containsExactly(
        new ScoreReason(10, "link-clicks", 2), new ScoreReason(-5, "inactive-days", 14));
  }

  @Test
  void eachEventDecaysFromItsOwnTimeAndTheReasonsAddUpToTheScore() {
    // 5 × 0.5^(1/14) = 4.758 + 3 × 0.5^2 = 0.75 + 15 × 0.5^0.5 = 10.607 → 16.115
    Engagement engagement = score.at(NOW, List.of(
        event(EngagementType.WEBINAR_ATTENDED, daysAgo(7)),
        event(EngagementType.PAGE_VISIT, daysAgo(28)),
        event(EngagementType.LINK_CLICK, daysAgo(1))));

    assertThat(engagement.points()).isEqualTo(16);
    assertThat(labels(engagement)).containsExactly(
        "+5 1 link click", "+3 1 page visit", "+15 1 webinar attended", "\u22127 no activity for 1 day");
    assertThat(engagement.reasons().stream().mapToInt(ScoreReason::points).sum()).isEqualTo(16);
  }

  @Test
  void activityTodayStillShowsHowMuchOlderActivityFaded() {
    // 10 + 15 × 0.5 = 17.5 → 18
    Engagement engagement = score.at(NOW, List.of(
        event(EngagementType.WEBINAR_ATTENDED, daysAgo(14)), event(EngagementType.REPLY, NOW)));

    assertThat(engagement.points()).isEqualTo(18);
    assertThat(labels(engagement)).containsExactly(
        "+15 1 webinar attended", "+10 1 reply", "\u22127 earlier activity fading (half-life 14 days)");
  }

  @Test
  void aHalfLifeOfHoursIsSaidInHours() {
    EngagementScore hourly = new EngagementScore(new LeadScoringProperties(
        Duration.ofHours(36), Map.of(), Duration.ofDays(90)));

    Engagement engagement = hourly.at(NOW, List.of(
        event(EngagementType.REPLY, NOW.minus(Duration.ofHours(36))), event(EngagementType.REPLY, NOW)));

    assertThat(labels(engagement)).containsExactly(
        "+20 2 replies", "\u22125 earlier activity fading (half-life 36 hours)");
  }

  @Test
  void freshActivityHasNoDecayReason() {
    Engagement engagement = score.at(NOW, List.of(
        event(EngagementType.REPLY, NOW), event(EngagementType.REPLY, NOW.minusSeconds(60)),
        event(EngagementType.FORM_RESUBMITTED, NOW)));

    assertThat(engagement.points()).isEqualTo(25);
    assertThat(labels(engagement)).containsExactly("+20 2 replies", "+5 1 form resubmission");
  }

  @Test
  void noEventsNoPointsNoReasons() {
    assertThat(score.at(NOW, List.of())).isEqualTo(new Engagement(0, List.of()));
  }

  @Test
  void eventsAfterTheMomentAreNotCounted() {
    Engagement engagement = score.at(NOW, List.of(
        event(EngagementType.REPLY, daysAgo(14)), event(EngagementType.WEBINAR_ATTENDED, NOW.plusSeconds(1))));

    assertThat(engagement.points()).isEqualTo(5);
    assertThat(labels(engagement)).containsExactly("+10 1 reply", "\u22125 no activity for 14 days");
  }

  @Test
  void halfLifeAndPointsComeFromTheSettings() {
    EngagementScore weekly = new EngagementScore(new LeadScoringProperties(
        Duration.ofDays(7), Map.of(EngagementType.WEBINAR_ATTENDED, 20), Duration.ofDays(90)));

    Engagement engagement = weekly.at(NOW, List.of(
        event(EngagementType.WEBINAR_ATTENDED, daysAgo(7)), event(EngagementType.PAGE_VISIT, daysAgo(7))));

    // 20 × 0.5 + 3 × 0.5 = 11.5 → 12 (half up)
    assertThat(engagement.points()).isEqualTo(12);
    assertThat(labels(engagement)).containsExactly(
        "+3 1 page visit", "+20 1 webinar attended", "\u221211 no activity for 7 days");
    assertThat(weekly.countedFrom(NOW)).isEqualTo(daysAgo(90));
  }

  private static EngagementEvent event(EngagementType type, Instant at) {
    return new EngagementEvent(0, "ana@example.com", type, null, type + "@" + at, at);
  }

  private static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  /** As an English-speaking sales team reads them; the Spanish and Portuguese words are in ScoreReasonTest. */
  private static List<String> labels(Engagement engagement) {
    ScoreReasonTexts texts = LeadBundles.texts();
    return engagement.reasons().stream().map(reason -> texts.label(reason, Locale.ENGLISH)).toList();
  }
}
