package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** escala.leads.sales.language: the one language of the sales team's task form and CRM note. */
class LeadSalesLanguageTest {

  private static final LeadScore SCORE = new LeadScore(23, 6, 29, "warm",
      List.of(new ScoreReason(15, "role-decision-maker"), new ScoreReason(8, "role-manager"),
          new ScoreReason(6, "page-visits", 2)),
      java.time.Instant.parse("2026-11-26T10:00:00Z"));

  @Test
  void spanishUnlessTheTeamSaysOtherwiseAndOnlyALanguageEscalaSpeaks() {
    assertThat(bind(Map.of()).language()).isEqualTo(LeadBundles.ES);
    assertThat(bind(Map.of("escala.leads.sales.language", "pt-BR")).language()).isEqualTo(LeadBundles.PT_BR);
    assertThat(bind(Map.of("escala.leads.sales.language", "pt_BR")).language()).isEqualTo(LeadBundles.PT_BR);
    assertThat(bind(Map.of("escala.leads.sales.language", "en")).language()).isEqualTo(Locale.ENGLISH);
    assertThat(bind(Map.of("escala.leads.sales.language", "de")).language()).isEqualTo(LeadBundles.ES);
    assertThat(bind(Map.of()).qualifyWithin()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theTaskFormAndTheCrmNoteAreInTheSalesTeamsLanguage() {
    LeadCaseService brazil = service(bind(Map.of("escala.leads.sales.language", "pt-BR")));
    assertThat(brazil.reasonsText(SCORE)).isEqualTo("""
        +15 decide a compra (fundação ou diretoria)
        +8 gerência (influencia a compra)
        +6 2 visitas a páginas""");
    assertThat(brazil.scoreText(29, "warm", "+6 2 visitas a páginas"))
        .isEqualTo("Pontuação 29 (morno)\n+6 2 visitas a páginas");

    LeadCaseService spain = service(bind(Map.of()));
    assertThat(spain.reasonsText(SCORE)).endsWith("+6 2 visitas a páginas").startsWith("+15 decide la compra");
    assertThat(spain.scoreText(1200, "hot", "")).isEqualTo("Puntaje 1200 (caliente)\n");
  }

  private static LeadCaseService service(LeadSalesProperties properties) {
    return new LeadCaseService(null, null, null, null, null, null, null, null, properties, LeadBundles.texts(),
        LeadBundles.messages(), Clock.systemUTC());
  }

  private static LeadSalesProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("escala.leads.sales", LeadSalesProperties.class);
  }
}
