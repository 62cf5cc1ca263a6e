package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
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

/** The analyst's tables in processes/lead-scoring.dmn, evaluated by the standalone DMN engine. */
class LeadScoringDecisionsTest {

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

    assertThat(reasons).extracting(ScoreReason::points, ScoreReason::reason).containsExactly(
        tuple(10, "company of more than 50 employees"),
        tuple(15, "budget ≥ 5k USD/month"),
        tuple(5, "budget ≥ 20k USD/month"),
        tuple(15, "decision maker (founder or executive)"),
        tuple(10, "focus market in Latin America"),
        tuple(10, "interested in marketing automation"));
    assertThat(total(reasons)).isEqualTo(65);
  }

  @Test
  void aTypicalSecondaryMarketManager() {
    List<ScoreReason> reasons = fit(new LeadProfile("11-50", "5k-20k", "manager", "ES", "ai-courses"));

    assertThat(reasons).extracting(ScoreReason::label).containsExactly(
        "+5 company of 11-50 employees",
        "+15 budget ≥ 5k USD/month",
        "+8 manager (influences the purchase)",
        "+5 secondary market (ES, PT, US)",
        "+8 interested in AI courses or document generation");
    assertThat(total(reasons)).isEqualTo(41);
  }

  @Test
  void aStudentWithoutInterestInOurProductsScoresNegative() {
    List<ScoreReason> reasons = fit(new LeadProfile("1-10", "<1k", "student", "BR", "other"));

    assertThat(reasons).extracting(ScoreReason::label).containsExactly(
        "\u221210 student",
        "+10 focus market in Latin America",
        "\u22125 no interest in our products");
    assertThat(total(reasons)).isEqualTo(-5);
  }

  @Test
  void valuesNoRuleKnowsAndMissingAnswersScoreNothing() {
    assertThat(fit(new LeadProfile("1-10", "<1k", "individual", "DE", null))).isEmpty();
    assertThat(fit(new LeadProfile(null, null, null, null, null))).isEmpty();
    assertThat(fit(new LeadProfile("huge", "lots", "ceo", "XX", "crypto"))).isEmpty();
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

  private static int total(List<ScoreReason> reasons) {
    return reasons.stream().mapToInt(ScoreReason::points).sum();
  }
}
