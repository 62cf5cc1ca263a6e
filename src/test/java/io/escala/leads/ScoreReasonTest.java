package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ScoreReasonTest {

  private final ScoreReasonTexts texts = LeadBundles.texts();

  @Test
  void theStoredFormIsTheCodeWithItsArgumentsAndASign() {
    assertThat(new ScoreReason(15, "budget-5k-plus").label()).isEqualTo("+15 budget-5k-plus");
    assertThat(new ScoreReason(-5, "inactive-days", 14).label()).isEqualTo("\u22125 inactive-days 14");
    assertThat(new ScoreReason(0, "country-other").label()).isEqualTo("+0 country-other");
  }

  @Test
  void aLabelParsesBackToTheSameReason() {
    for (ScoreReason reason : new ScoreReason[] {
        new ScoreReason(15, "budget-5k-plus"), new ScoreReason(-7, "inactive-days", 3),
        new ScoreReason(10, "link-clicks", 2), new ScoreReason(0, "nothing")}) {
      assertThat(ScoreReason.parse(reason.label())).isEqualTo(reason);
    }
    assertThat(ScoreReason.parse("-3 inactive-days 1")).isEqualTo(new ScoreReason(-3, "inactive-days", 1));
    assertThat(ScoreReason.parse("4 replies 1")).isEqualTo(new ScoreReason(4, "replies", List.of("1")));
  }

  @Test
  void sheReadsTheReasonInHerLanguageWithSingularAndPlural() {
    assertThat(texts.label(new ScoreReason(3, "page-visits", 1), LeadBundles.ES)).isEqualTo("+3 1 visita a una página");
    assertThat(texts.label(new ScoreReason(6, "page-visits", 2), LeadBundles.ES)).isEqualTo("+6 2 visitas a páginas");
    assertThat(texts.label(new ScoreReason(3, "page-visits", 1), LeadBundles.PT_BR))
        .isEqualTo("+3 1 visita a uma página");
    assertThat(texts.label(new ScoreReason(6, "page-visits", 2), LeadBundles.PT_BR))
        .isEqualTo("+6 2 visitas a páginas");
    assertThat(texts.label(new ScoreReason(6, "page-visits", 2), Locale.ENGLISH)).isEqualTo("+6 2 page visits");
    assertThat(texts.label(new ScoreReason(-7, "inactive-days", 1), LeadBundles.ES))
        .isEqualTo("\u22127 sin actividad desde hace 1 día");
    assertThat(texts.label(new ScoreReason(-7, "inactive-days", 14), LeadBundles.PT_BR))
        .isEqualTo("\u22127 sem atividade há 14 dias");
    assertThat(texts.label(new ScoreReason(15, "budget-5k-plus"), LeadBundles.PT_BR))
        .isEqualTo("+15 orçamento ≥ 5k USD/mês");
  }

  @Test
  void aLineStoredBeforeReasonsWereCodesOrACodeWithoutWordsIsShownAsWritten() {
    ScoreReason old = ScoreReason.parse("+10 focus market in Latin America");
    assertThat(texts.label(old, LeadBundles.ES)).isEqualTo("+10 focus market in Latin America");
    assertThat(texts.label(new ScoreReason(5, "webinar-partner-x"), Locale.ENGLISH)).isEqualTo("+5 webinar-partner-x");
  }

  @Test
  void everyLineIsOneReasonInTheGivenLanguage() {
    assertThat(texts.lines(List.of(new ScoreReason(8, "role-manager"), new ScoreReason(10, "replies", 1)),
        LeadBundles.ES)).isEqualTo("+8 gerencia (influye en la compra)\n+10 1 respuesta");
  }

  @Test
  void aCodeIsOneWordBecauseTheHistoryStoresOneReasonPerLine() {
    assertThat(new ScoreReason(5, " replies ", 1).code()).isEqualTo("replies");
    assertThatThrownBy(() -> new ScoreReason(5, "webinar\nattended")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ScoreReason(5, "replies", "1 2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pointsWithoutAReasonOrAnUnreadableLabelAreRejected() {
    assertThatThrownBy(() -> new ScoreReason(5, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScoreReason.parse("budget ≥ 5k")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScoreReason.parse("+5 ")).isInstanceOf(IllegalArgumentException.class);
  }
}
