package io.escala.dashboard;

import io.escala.platform.DashboardSection;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Administrators: the period's LLM calls per flow (the part of the task id before the dot: {@code onboarding},
 * {@code leads}), their tokens, an estimated cost at the configured list prices, and the share answered by the
 * offline fallback instead of the model. Reads {@code llm_usage} by {@code created_at} (index from V25).
 */
@Component
class LlmSection implements DashboardSection {

  private final JdbcClient jdbc;
  private final DashboardProperties properties;

  LlmSection(JdbcClient jdbc, DashboardProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  @Override
  public String id() {
    return "llm";
  }

  @Override
  public String titleKey() {
    return "staff.dashboard.llm";
  }

  @Override
  public List<String> groups() {
    return List.of();
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  public Figures figures(Query query) {
    Map<String, FlowUsage> flows = new TreeMap<>();
    jdbc.sql("""
            SELECT task_id, COUNT(*) AS calls, SUM(prompt_tokens) AS prompt_tokens,
                   SUM(completion_tokens) AS completion_tokens,
                   SUM(CASE WHEN generated_by = 'fallback' THEN 1 ELSE 0 END) AS fallbacks
            FROM llm_usage WHERE created_at >= :since AND created_at < :now GROUP BY task_id""")
        .param("since", Timestamp.from(query.since())).param("now", Timestamp.from(query.now()))
        .query((rs, row) -> {
          String taskId = rs.getString("task_id");
          String flow = taskId.contains(".") ? taskId.substring(0, taskId.indexOf('.')) : taskId;
          flows.computeIfAbsent(flow, FlowUsage::new).add(rs.getLong("calls"), rs.getLong("prompt_tokens"),
              rs.getLong("completion_tokens"), rs.getLong("fallbacks"));
          return null;
        }).list();
    List<Label> labels = new ArrayList<>();
    List<Long> calls = new ArrayList<>();
    List<Long> tokens = new ArrayList<>();
    List<Double> fallbackShare = new ArrayList<>();
    long totalCalls = 0;
    long totalFallbacks = 0;
    double cost = 0;
    for (FlowUsage usage : flows.values()) {
      labels.add(new Label("staff.dashboard.flow." + usage.flow, usage.flow));
      calls.add(usage.calls);
      tokens.add(usage.promptTokens + usage.completionTokens);
      fallbackShare.add(usage.calls == 0 ? 0 : Math.round(1000.0 * usage.fallbacks / usage.calls) / 10.0);
      totalCalls += usage.calls;
      totalFallbacks += usage.fallbacks;
      cost += cost(usage.promptTokens, properties.inputUsdPerMillionTokens())
          + cost(usage.completionTokens, properties.outputUsdPerMillionTokens());
    }
    return new Figures(
        List.of(new Figure(Label.of("staff.dashboard.llm.calls"), totalCalls, Unit.COUNT),
            new Figure(Label.of("staff.dashboard.llm.cost"), cost, Unit.USD),
            new Figure(Label.of("staff.dashboard.llm.fallbackShare"),
                totalCalls == 0 ? 0 : 100.0 * totalFallbacks / totalCalls, Unit.PERCENT)),
        List.of(new Chart("llm-calls", Label.of("staff.dashboard.llm.perFlow"), ChartType.BAR, labels,
                List.of(new Series(Label.of("staff.dashboard.llm.calls"), calls))),
            new Chart("llm-tokens", Label.of("staff.dashboard.llm.tokensPerFlow"), ChartType.BAR, labels,
                List.of(new Series(Label.of("staff.dashboard.llm.tokens"), tokens))),
            new Chart("llm-fallback", Label.of("staff.dashboard.llm.fallbackPerFlow"), ChartType.BAR, labels,
                List.of(new Series(Label.of("staff.dashboard.llm.fallbackPercent"), fallbackShare)))));
  }

  private static double cost(long tokens, BigDecimal usdPerMillion) {
    return tokens * usdPerMillion.doubleValue() / 1_000_000.0;
  }

  private static final class FlowUsage {
    final String flow;
    long calls;
    long promptTokens;
    long completionTokens;
    long fallbacks;

    FlowUsage(String flow) {
      this.flow = flow;
    }

    void add(long calls, long prompt, long completion, long fallbacks) {
      this.calls += calls;
      this.promptTokens += prompt;
      this.completionTokens += completion;
      this.fallbacks += fallbacks;
    }
  }
}
