package io.escala.leads;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Fit and route from the decisions {@code lead-fit} and {@code lead-route} in {@code processes/lead-scoring.dmn}.
 * They are evaluated by key, i.e. the latest deployed version, so an analyst's redeploy takes effect without a
 * restart.
 */
@Component
public class DmnFitRules implements FitRules {

  static final String FIT_DECISION = "lead-fit";
  static final String ROUTE_DECISION = "lead-route";

  private static final Pattern REASON_CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final DecisionService decisionService;

  public DmnFitRules(DecisionService decisionService) {
    this.decisionService = decisionService;
  }

  @Override
  public List<ScoreReason> evaluate(LeadProfile profile) {
    // every input is set, even when null: a missing variable would fail the FEEL input expression
    VariableMap inputs = Variables.createVariables()
        .putValue("companySize", profile.companySize())
        .putValue("budgetRange", profile.budgetRange())
        .putValue("role", profile.role())
        .putValue("country", profile.country())
        .putValue("interest", profile.interest());
    return reasonsOf(decisionService.evaluateDecisionByKey(FIT_DECISION).variables(inputs).evaluate().getResultList());
  }

  @Override
  public String route(int totalScore) {
    List<Map<String, Object>> rows = decisionService.evaluateDecisionByKey(ROUTE_DECISION)
        .variables(Variables.createVariables().putValue("totalScore", totalScore))
        .evaluate()
        .getResultList();
    if (rows.isEmpty() || !(rows.get(0).get("route") instanceof String route) || route.isBlank()) {
      throw new IllegalStateException("Decision " + ROUTE_DECISION + " gave no route for total score " + totalScore
          + "; it needs a catch-all last row");
    }
    return route;
  }

  /** One reason per matched rule; a rule without points or reason is an editing mistake the analyst should see. */
  static List<ScoreReason> reasonsOf(List<Map<String, Object>> matchedRules) {
    return matchedRules.stream().map(DmnFitRules::reasonOf).toList();
  }

  private static ScoreReason reasonOf(Map<String, Object> rule) {
    if (!(rule.get("points") instanceof Number points) || !(rule.get("reason") instanceof String reason)
        || reason.isBlank()) {
      throw new IllegalStateException("A rule of decision " + FIT_DECISION
          + " needs both outputs 'points' (integer) and 'reason' (text), got " + rule);
    }
    // sales reads the reason in their language: the table holds a code, the words are in i18n/leads*.properties
    if (!REASON_CODE.matcher(reason.strip()).matches()) {
      throw new IllegalStateException("A rule of decision " + FIT_DECISION + " gives reason \"" + reason
          + "\"; a reason is a code like \"company-size-11-50\" (lower case, digits, '-'), worded as "
          + ScoreReasonTexts.KEY_PREFIX + "<code> in i18n/leads*.properties");
    }
    return new ScoreReason(points.intValue(), reason.strip());
  }
}
