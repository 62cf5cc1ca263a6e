package io.escala.leads;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.leads.scoring.*}: the engagement half of lead scoring (fit lives in {@code lead-scoring.dmn}).
 *
 * @param halfLife engagement points lose half their value after this much time (ISO-8601, default {@code P14D})
 * @param points points per engagement, e.g. {@code escala.leads.scoring.points.webinar-attended: 20}; types not set
 *     keep their default (link click 5, page visit 3, webinar attended 15, reply 10, form resubmitted 5)
 * @param lookback events older than this are not counted at all (default {@code P180D}, about 13 half-lives, when
 *     they are worth almost nothing); keeps the reasons list short
 */
@ConfigurationProperties("escala.leads.scoring")
public record LeadScoringProperties(
    @DefaultValue("P14D") Duration halfLife,
    Map<EngagementType, Integer> points,
    @DefaultValue("P180D") Duration lookback) {

  static final Map<EngagementType, Integer> DEFAULT_POINTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
      EngagementType.LINK_CLICK, 5,
      EngagementType.PAGE_VISIT, 3,
      EngagementType.WEBINAR_ATTENDED, 15,
      EngagementType.REPLY, 10,
      EngagementType.FORM_RESUBMITTED, 5)));

  public LeadScoringProperties {
    if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("escala.leads.scoring.half-life must be a positive duration, e.g. P14D");
    }
    if (lookback == null || lookback.isNegative()) {
      throw new IllegalArgumentException("escala.leads.scoring.lookback must be a positive duration, e.g. P180D");
    }
    EnumMap<EngagementType, Integer> merged = new EnumMap<>(DEFAULT_POINTS);
    if (points != null) {
      points.forEach((type, value) -> {
        if (type != null && value != null) {
          merged.put(type, value);
        }
      });
    }
    points = Collections.unmodifiableMap(merged);
  }

  /** The defaults, as an empty {@code escala.leads.scoring} section gives them. */
  public static LeadScoringProperties defaults() {
    return new LeadScoringProperties(Duration.ofDays(14), Map.of(), Duration.ofDays(180));
  }

  public int pointsFor(EngagementType type) {
    return points.get(type);
  }
}
