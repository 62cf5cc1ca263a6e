package io.escala.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escala's figures for Prometheus ({@code escala_*}), read from the engine's and Escala's tables at most every
 * {@code escala.dashboard.metrics-refresh}: a scrape only reads the last snapshot, so scraping often costs nothing.
 * Counts are cluster-wide because they come from the shared database. Job executions come from Camunda's own
 * metrics (its meter log plus what this node has not flushed yet).
 */
@Component
class EscalaMetrics implements MeterBinder {

  private static final Logger log = LoggerFactory.getLogger(EscalaMetrics.class);

  record Row(Tags tags, long value) {}

  record Snapshot(List<Row> started, List<Row> completed, List<Row> incidents, long failingJobs, long dueJobs,
      List<Row> mails, List<Row> llmCalls, List<Row> llmTokens, long jobsSucceeded, long jobsFailed) {
    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of(), 0, 0, List.of(), List.of(),
        List.of(), 0, 0);
  }

  private final JdbcClient jdbc;
  private final ManagementService management;
  private final ProcessEngineConfigurationImpl engine;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);
  private final List<Runnable> publishers = new ArrayList<>();

  EscalaMetrics(JdbcClient jdbc, ManagementService management, ProcessEngineConfigurationImpl engine) {
    this.jdbc = jdbc;
    this.management = management;
    this.engine = engine;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    multi(registry, "escala.process.instances.started", "Process instances started, per process", Snapshot::started);
    multi(registry, "escala.process.instances.completed", "Process instances ended, per process",
        Snapshot::completed);
    multi(registry, "escala.incidents.open", "Open incidents, per incident type", Snapshot::incidents);
    multi(registry, "escala.mail.messages", "E-mails stored, per delivery status", Snapshot::mails);
    multi(registry, "escala.llm.calls", "LLM calls, per flow and who answered (model or fallback)",
        Snapshot::llmCalls);
    multi(registry, "escala.llm.tokens", "LLM tokens, per flow and kind (prompt, completion)", Snapshot::llmTokens);
    Gauge.builder("escala.incidents", snapshot,
            s -> s.get().incidents().stream().mapToLong(Row::value).sum())
        .description("Open incidents, all types").register(registry);
    Gauge.builder("escala.jobs.failing", snapshot, s -> s.get().failingJobs())
        .description("Jobs whose last execution failed (retrying, or out of retries)").register(registry);
    Gauge.builder("escala.jobs.due", snapshot, s -> s.get().dueJobs())
        .description("Jobs due now and not yet executed").register(registry);
    FunctionCounter.builder("escala.jobs.executed", snapshot, s -> s.get().jobsSucceeded())
        .tags("result", "successful").description("Job executions").register(registry);
    FunctionCounter.builder("escala.jobs.executed", snapshot, s -> s.get().jobsFailed())
        .tags("result", "failed").description("Job executions").register(registry);
  }

  private void multi(MeterRegistry registry, String name, String description,
      java.util.function.Function<Snapshot, List<Row>> rows) {
    MultiGauge gauge = MultiGauge.builder(name).description(description).register(registry);
    Runnable publish = () -> gauge.register(rows.apply(snapshot.get()).stream()
        .map(row -> MultiGauge.Row.of(row.tags(), row.value())).toList(), true);
    synchronized (publishers) {
      publishers.add(publish);
    }
  }

  @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${escala.dashboard.metrics-refresh:PT30S}")
  void refresh() {
    try {
      snapshot.set(read());
    } catch (DataAccessException | org.camunda.bpm.engine.ProcessEngineException e) {
      log.warn("Metrics not refreshed: {}", e.toString());
      return;
    }
    synchronized (publishers) {
      publishers.forEach(Runnable::run);
    }
  }

  Snapshot read() {
    List<Row> started = new ArrayList<>();
    List<Row> completed = new ArrayList<>();
    jdbc.sql("SELECT PROC_DEF_KEY_ AS process, COUNT(*) AS started, COUNT(END_TIME_) AS ended"
            + " FROM ACT_HI_PROCINST GROUP BY PROC_DEF_KEY_")
        .query((rs, row) -> {
          Tags tags = Tags.of("process", rs.getString("process"));
          started.add(new Row(tags, rs.getLong("started")));
          return completed.add(new Row(tags, rs.getLong("ended")));
        }).list();
    List<Row> incidents = rows("SELECT INCIDENT_TYPE_ AS k, COUNT(*) AS v FROM ACT_RU_INCIDENT GROUP BY INCIDENT_TYPE_",
        "type");
    long failing = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL").query(Long.class)
        .single();
    long due = management.createJobQuery().executable().count();
    List<Row> mails = rows("SELECT status AS k, COUNT(*) AS v FROM mail_message GROUP BY status", "status");
    List<Row> calls = new ArrayList<>();
    List<Row> tokens = new ArrayList<>();
    Map<String, long[]> tokensPerFlow = new java.util.TreeMap<>();
    jdbc.sql("SELECT task_id, generated_by, COUNT(*) AS calls, SUM(prompt_tokens) AS prompt,"
            + " SUM(completion_tokens) AS completion FROM llm_usage GROUP BY task_id, generated_by")
        .query((rs, row) -> {
          String flow = flow(rs.getString("task_id"));
          calls.add(new Row(Tags.of("flow", flow, "task", rs.getString("task_id"), "generated_by",
              rs.getString("generated_by")), rs.getLong("calls")));
          long[] sums = tokensPerFlow.computeIfAbsent(flow, key -> new long[2]);
          sums[0] += rs.getLong("prompt");
          sums[1] += rs.getLong("completion");
          return null;
        }).list();
    tokensPerFlow.forEach((flow, sums) -> {
      tokens.add(new Row(Tags.of("flow", flow, "kind", "prompt"), sums[0]));
      tokens.add(new Row(Tags.of("flow", flow, "kind", "completion"), sums[1]));
    });
    return new Snapshot(started, completed, incidents, failing, due, mails, calls, tokens,
        jobMetric(Metrics.JOB_SUCCESSFUL), jobMetric(Metrics.JOB_FAILED));
  }

  private long jobMetric(String name) {
    long flushed = management.createMetricsQuery().name(name).sum();
    var meter = engine.getMetricsRegistry() == null ? null : engine.getMetricsRegistry().getDbMeters().get(name);
    return flushed + (meter == null ? 0 : meter.get());
  }

  private List<Row> rows(String sql, String tag) {
    return jdbc.sql(sql).query((rs, row) -> new Row(Tags.of(tag, String.valueOf(rs.getString("k"))),
        rs.getLong("v"))).list();
  }

  static String flow(String taskId) {
    return taskId.contains(".") ? taskId.substring(0, taskId.indexOf('.')) : taskId;
  }
}
