package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding as the application does it: relaxed names, enum keys, defaults for whatever is not set. */
class LeadScoringPropertiesTest {

  @Test
  void anEmptySectionGivesTheDefaults() {
    LeadScoringProperties properties = bind(Map.of());

    assertThat(properties).isEqualTo(LeadScoringProperties.defaults());
    assertThat(properties.halfLife()).isEqualTo(Duration.ofDays(14));
    assertThat(properties.points()).containsExactlyInAnyOrderEntriesOf(Map.of(
        EngagementType.LINK_CLICK, 5, EngagementType.PAGE_VISIT, 3, EngagementType.WEBINAR_ATTENDED, 15,
        EngagementType.REPLY, 10, EngagementType.FORM_RESUBMITTED, 5));
  }

  @Test
  void oneTypeCanBeChangedWithoutRepeatingTheOthers() {
    LeadScoringProperties properties = bind(Map.of(
        "escala.leads.scoring.half-life", "P7D",
        "escala.leads.scoring.points.webinar-attended", "20"));

    assertThat(properties.halfLife()).isEqualTo(Duration.ofDays(7));
    assertThat(properties.pointsFor(EngagementType.WEBINAR_ATTENDED)).isEqualTo(20);
    assertThat(properties.pointsFor(EngagementType.REPLY)).isEqualTo(10);
  }

  @Test
  void aHalfLifeOfZeroIsRefused() {
    assertThatThrownBy(() -> bind(Map.of("escala.leads.scoring.half-life", "PT0S")))
        .isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("half-life must be a positive duration");
  }

  private static LeadScoringProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("escala.leads.scoring", LeadScoringProperties.class);
  }
}
