package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DmnFitRules on a real (in-memory) engine: it evaluates the latest deployed version of each decision. */
class DmnFitRulesTest {

  private static final String RESOURCE = "processes/lead-scoring.dmn";
  private static ProcessEngine engine;
  private static String originalDmn;
  private static DmnFitRules fitRules;

  @BeforeAll
  static void startEngine() throws IOException {
    originalDmn = Files.readString(Path.of(RESOURCE), StandardCharsets.UTF_8);
    String name = "scoringtest-" + UUID.randomUUID();
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName(name)
        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    fitRules = new DmnFitRules(engine.getDecisionService());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  /** Each test starts from the file as the analyst left it: the newest deployment wins. */
  @BeforeEach
  void deployTheFile() {
    deploy(originalDmn);
  }

  @Test
  void fitReasonsComeFromTheDeployedTable() {
    List<ScoreReason> reasons = fitRules.evaluate(new LeadProfile(" 201-1000", "5k-20k", "Executive", "co", null));

    assertThat(reasons).extracting(ScoreReason::label).containsExactly(
        "+10 company-size-over-50",
        "+15 budget-5k-plus",
        "+15 role-decision-maker",
        "+10 country-focus-market");
  }

  @Test
  void routeFollowsTheDeployedThresholds() {
    assertThat(fitRules.route(24)).isEqualTo("cold");
    assertThat(fitRules.route(25)).isEqualTo("warm");
    assertThat(fitRules.route(59)).isEqualTo("warm");
    assertThat(fitRules.route(60)).isEqualTo("hot");
  }

  @Test
  void anAnalystsRedeployTakesEffectWithoutARestart() {
    deploy(originalDmn
        .replace("<outputEntry id=\"Output_Role_Student_Points\"><text>-10</text>",
            "<outputEntry id=\"Output_Role_Student_Points\"><text>-20</text>")
        .replace("<text>&gt;= 60</text>", "<text>&gt;= 50</text>"));

    assertThat(fitRules.evaluate(new LeadProfile(null, null, "student", null, null)))
        .containsExactly(new ScoreReason(-20, "role-student"));
    assertThat(fitRules.route(50)).isEqualTo("hot");
  }

  @Test
  void aRouteTableWithoutCatchAllRowGivesAClearError() {
    deploy(originalDmn.replace(
        "<inputEntry id=\"UnaryTests_Route_Cold\"><text>-</text>", "<inputEntry id=\"UnaryTests_Route_Cold\"><text>&lt; 0</text>"));

    assertThatThrownBy(() -> fitRules.route(10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lead-route gave no route for total score 10");
  }

  @Test
  void aRuleMissingAnOutputIsReportedNotScoredAsZero() {
    assertThat(DmnFitRules.reasonsOf(List.of(Map.of("points", 15, "reason", "budget-5k-plus"))))
        .containsExactly(new ScoreReason(15, "budget-5k-plus"));
    assertThat(DmnFitRules.reasonsOf(List.of(Map.of("points", 15L, "reason", "long-from-feel"))))
        .containsExactly(new ScoreReason(15, "long-from-feel"));
    assertThatThrownBy(() -> DmnFitRules.reasonsOf(List.of(Map.of("points", 15))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs both outputs 'points' (integer) and 'reason' (text)");
  }

  @Test
  void aReasonWrittenAsTextInsteadOfACodeIsReportedToTheAnalyst() {
    deploy(originalDmn.replace("<text>\"role-student\"</text>", "<text>\"student (rarely buys)\"</text>"));

    assertThatThrownBy(() -> fitRules.evaluate(new LeadProfile(null, null, "student", null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gives reason \"student (rarely buys)\"")
        .hasMessageContaining("leads.score.reason.<code> in i18n/leads*.properties");
  }

  private static void deploy(String dmn) {
    engine.getRepositoryService().createDeployment()
        .addInputStream(RESOURCE, new ByteArrayInputStream(dmn.getBytes(StandardCharsets.UTF_8)))
        .deploy();
  }
}
