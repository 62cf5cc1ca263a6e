package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The analyst's tables in processes/lead-scoring.dmn, evaluated by the standalone DMN engine. */
class LeadScoringDecisionsTest {

  private static final ScoreReasonTexts TEXTS = LeadBundles.texts();
  private static DmnEngine dmnEngine;
  private static Map<String, DmnDecision> decisions;

  @BeforeAll
  static void parseTheFile() throws IOException {
    dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream file = new FileInputStream("processes/lead-scoring.dmn")) {
      decisions = dmnEngine.parseDecisions(file).stream()
          .collect(java.util.stream.Collectors.toMap(DmnDecision::getKey, decision -> decision));
    }
  }

  @Test
  void theFileHoldsTheTwoDecisionsJavaEvaluatesByKey() {
    assertThat(decisions).containsOnlyKeys(DmnFitRules.FIT_DECISION, DmnFitRules.ROUTE_DECISION);
  }

  @Test
  void anIdealLatinAmericanBuyerCollectsEveryMatchingRule() {
    List<ScoreReason> reasons = fit(new LeadProfile("51-200", "20k+", "founder", "MX", "marketing-automation"));

    assertThat(reasons).extracting(ScoreReason::points, ScoreReason::code).containsExactly(
        tuple(10, "company-size-over-50"),
        tuple(15, "budget-5k-plus"),
        tuple(5, "budget-20k-plus"),
        tuple(15, "role-decision-maker"),
        tuple(10, "country-focus-market"),
        tuple(10, "interest-marketing-automation"));
    assertThat(TEXTS.lines(reasons, Locale.ENGLISH)).isEqualTo("""
        +10 company of more than 50 employees
        +15 budget ≥ 5k USD/month
        +5 budget ≥ 20k USD/month
        +15 decision maker (founder or executive)
        +10 focus market in Latin America
        +10 interested in marketing automation""");
    assertThat(total(reasons)).isEqualTo(65);
  }

  @Test
  void aTypicalSecondaryMarketManager() {
    List<ScoreReason> reasons = fit(new LeadProfile("11-50", "5k-20k", "manager", "ES", "ai-courses"));

    assertThat(labels(reasons, LeadBundles.ES)).containsExactly(
        "+5 empresa de 11 a 50 personas",
        "+15 presupuesto ≥ 5k USD/mes",
        "+8 gerencia (influye en la compra)",
        "+5 mercado secundario (ES, PT, US)",
        "+8 interés en cursos de IA o generación de documentos");
    assertThat(total(reasons)).isEqualTo(41);
  }

  @Test
  void aStudentWithoutInterestInOurProductsScoresNegative() {
    List<ScoreReason> reasons = fit(new LeadProfile("1-10", "<1k", "student", "BR", "other"));

    assertThat(labels(reasons, LeadBundles.PT_BR)).containsExactly(
        "\u221210 estudante",
        "+10 mercado prioritário na América Latina",
        "\u22125 sem interesse em nossos produtos");
    assertThat(total(reasons)).isEqualTo(-5);
  }

  @Test
  void valuesNoRuleKnowsAndMissingAnswersScoreNothing() {
    assertThat(fit(new LeadProfile("1-10", "<1k", "individual", "DE", null))).isEmpty();
    assertThat(fit(new LeadProfile(null, null, null, null, null))).isEmpty();
    assertThat(fit(new LeadProfile("huge", "lots", "ceo", "XX", "crypto"))).isEmpty();
  }

  /** A code without words would reach sales as "role-manager": every rule's code is worded in all three languages. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"es", "pt-BR", "en"})
  void everyReasonCodeOfTheTableIsWordedInEachLanguage(String language) throws IOException {
    String dmn = Files.readString(Path.of("processes/lead-scoring.dmn"), StandardCharsets.UTF_8);
    Matcher outputs = Pattern.compile("id=\"Output_\\w+_Reason\"><text>\"([^\"]+)\"</text>").matcher(dmn);
    List<String> codes = new ArrayList<>();
    while (outputs.find()) {
      codes.add(outputs.group(1));
    }
    assertThat(codes).hasSize(13);
    ResourceBundleMessageSource messages = LeadBundles.messages();
    Locale locale = Locale.forLanguageTag(language);
    for (String code : codes) {
      assertThat(messages.getMessage(ScoreReasonTexts.KEY_PREFIX + code, null, null, locale)).as(code).isNotBlank();
      if (!language.equals("es")) {
        // its own words, not the Spanish fallback
        assertThat(messages.getMessage(ScoreReasonTexts.KEY_PREFIX + code, null, null, locale)).as(code)
            .isNotEqualTo(messages.getMessage(ScoreReasonTexts.KEY_PREFIX + code, null, null, LeadBundles.ES));
      }
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"-20, cold", "0, cold", "24, cold", "25, warm", "59, warm", "60, hot", "140, hot"})
  void routeBoundaries(int totalScore, String route) {
    DmnDecisionResult result = dmnEngine.evaluateDecision(decisions.get(DmnFitRules.ROUTE_DECISION),
        Variables.createVariables().putValue("totalScore", totalScore));

    assertThat(result.<String>getSingleEntry()).isEqualTo(route);
  }

  private static List<ScoreReason> fit(LeadProfile profile) {
    VariableMap inputs = Variables.createVariables()
        .putValue("companySize", profile.companySize())
        .putValue("budgetRange", profile.budgetRange())
        .putValue("role", profile.role())
        .putValue("country", profile.country())
        .putValue("interest", profile.interest());
    DmnDecisionResult result = dmnEngine.evaluateDecision(decisions.get(DmnFitRules.FIT_DECISION), inputs);
    return DmnFitRules.reasonsOf(result.getResultList());
  }

  private static List<String> labels(List<ScoreReason> reasons, Locale locale) {
    return reasons.stream().map(reason -> TEXTS.label(reason, locale)).toList();
  }

  private static int total(List<ScoreReason> reasons) {
    return reasons.stream().mapToInt(ScoreReason::points).sum();
  }
}
