package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScoreReasonTest {

  @Test
  void positivePointsGetAPlusAndNegativeOnesARealMinusSign() {
    assertThat(new ScoreReason(15, "budget ≥ 5k USD/month").label()).isEqualTo("+15 budget ≥ 5k USD/month");
    assertThat(new ScoreReason(-5, "no activity for 14 days").label()).isEqualTo("\u22125 no activity for 14 days");
    assertThat(new ScoreReason(0, "country outside our markets").label()).isEqualTo("+0 country outside our markets");
  }

  @Test
  void aLabelParsesBackToTheSameReason() {
    for (ScoreReason reason : new ScoreReason[] {
        new ScoreReason(15, "budget ≥ 5k USD/month"), new ScoreReason(-7, "no activity for 3 days"),
        new ScoreReason(10, "2 link clicks"), new ScoreReason(0, "nothing")}) {
      assertThat(ScoreReason.parse(reason.label())).isEqualTo(reason);
    }
    assertThat(ScoreReason.parse("-3 typed with a hyphen")).isEqualTo(new ScoreReason(-3, "typed with a hyphen"));
    assertThat(ScoreReason.parse("4 without a sign")).isEqualTo(new ScoreReason(4, "without a sign"));
  }

  @Test
  void aReasonStaysOnOneLineBecauseTheHistoryStoresOnePerLine() {
    assertThat(new ScoreReason(5, " webinar\r\n  attended \n").reason()).isEqualTo("webinar attended");
  }

  @Test
  void pointsWithoutAReasonOrAnUnreadableLabelAreRejected() {
    assertThatThrownBy(() -> new ScoreReason(5, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScoreReason.parse("budget ≥ 5k")).isInstanceOf(IllegalArgumentException.class);
  }
}
