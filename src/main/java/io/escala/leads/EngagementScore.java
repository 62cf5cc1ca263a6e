package io.escala.leads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Engagement at time t = Σ points × 0.5^((t − tᵢ) / halfLife), rounded to whole points. Pure: the same events and
 * moment always give the same number and reasons.
 *
 * <p>The reasons show what the lead did at full value ({@code +10 link-clicks 2}: "+10 2 link clicks"), then one
 * negative reason for what inactivity took away ({@code −4 inactive-days 7}: "−4 no activity for 7 days"), so they
 * add up to the score and sales sees both the interest and how stale it is. Codes and counts only: the words are in
 * {@code i18n/leads*.properties} ({@link ScoreReasonTexts}).
 */
@Component
public class EngagementScore {

  private final LeadScoringProperties properties;

  public EngagementScore(LeadScoringProperties properties) {
    this.properties = properties;
  }

  /** Events before this moment are not worth reading (see {@code escala.leads.scoring.lookback}). */
  public Instant countedFrom(Instant now) {
    return now.minus(properties.lookback());
  }

  /** Events after {@code now} are ignored, so a score can be recomputed for any past moment. */
  public Engagement at(Instant now, Collection<EngagementEvent> events) {
    Map<EngagementType, Integer> counts = new EnumMap<>(EngagementType.class);
    int fullValue = 0;
    double decayedValue = 0;
    Instant lastActivity = null;
    for (EngagementEvent event : events) {
      if (event.occurredAt().isAfter(now)) {
        continue;
      }
      int points = properties.pointsFor(event.type());
      counts.merge(event.type(), 1, Integer::sum);
      fullValue += points;
      decayedValue += points * remainingShare(Duration.between(event.occurredAt(), now));
      if (lastActivity == null || event.occurredAt().isAfter(lastActivity)) {
        lastActivity = event.occurredAt();
      }
    }
    if (lastActivity == null) {
      return new Engagement(0, List.of());
    }
    int engagement = (int) Math.round(decayedValue);
    List<ScoreReason> reasons = new ArrayList<>();
    counts.forEach((type, count) -> {
      int points = count * properties.pointsFor(type);
      if (points != 0) {
        reasons.add(new ScoreReason(points, activityCode(type), count));
      }
    });
    int lost = fullValue - engagement;
    if (lost != 0) {
      reasons.add(inactivity(-lost, Duration.between(lastActivity, now)));
    }
    return new Engagement(engagement, reasons);
  }

  private double remainingShare(Duration age) {
    // StrictMath: the same result on every JVM, so tests can assert exact numbers
    return StrictMath.pow(0.5, (double) age.toMillis() / properties.halfLife().toMillis());
  }

  private ScoreReason inactivity(int points, Duration sinceLastActivity) {
    long days = sinceLastActivity.toDays();
    if (days >= 1) {
      return new ScoreReason(points, "inactive-days", days);
    }
    // active today, yet older events have faded
    Duration halfLife = properties.halfLife();
    if (halfLife.toHours() % 24 == 0) {
      return new ScoreReason(points, "fading-half-life-days", halfLife.toDays());
    }
    if (halfLife.toMinutes() % 60 == 0) {
      return new ScoreReason(points, "fading-half-life-hours", halfLife.toHours());
    }
    return new ScoreReason(points, "fading-half-life-minutes", Math.max(1, halfLife.toMinutes()));
  }

  private static String activityCode(EngagementType type) {
    return switch (type) {
      case LINK_CLICK -> "link-clicks";
      case PAGE_VISIT -> "page-visits";
      case WEBINAR_ATTENDED -> "webinars-attended";
      case REPLY -> "replies";
      case FORM_RESUBMITTED -> "form-resubmissions";
    };
  }
}
