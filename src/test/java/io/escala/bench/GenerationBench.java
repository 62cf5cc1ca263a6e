package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.bench.stub.OpenAiStub;
import io.escala.documents.DocumentTemplates;
import io.escala.documents.TemplateSection;
import io.escala.documents.TemplateVersion;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.PostgresTestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk document generation on PostgreSQL against {@link OpenAiStub}, each node a separate JVM
 * ({@link GenerationNode}: the real intake, worker, checks and OpenAI client, a pool of {@code bench.pool}
 * connections, {@code -Xmx512m}) that the bench can kill with SIGKILL. Phases ({@code -Dbench.phases=123456}):
 * <ol>
 *   <li>10,000 rows, stub latency 100 ms, concurrency 50: upload accepted → every row generated and checked, against
 *       the ideal 10,000 × 0.1 s / 50 = 20 s (target 1.25 × = 25 s);</li>
 *   <li>a stub limited to R requests per minute and the node's bucket set to R: achieved rate against R (≥ 90 %);</li>
 *   <li>10 % injected 429 / 500, the node killed ({@code kill -9}) halfway and restarted: every row ends once, no
 *       idempotency key answered twice except calls in flight at the kill (see {@link #settle});</li>
 *   <li>the same with two nodes sharing the batch, one of them killed halfway and restarted;</li>
 *   <li>the file of phase 1 submitted again: zero LLM calls (runs after 1);</li>
 *   <li>the peak heap of the phase 1 node, which runs with {@code -Xmx512m} (read from phase 1).</li>
 * </ol>
 * Run with {@code ./mvnw -Pbench verify -Dit.test=GenerationBench} (needs POSTGRES_TEST_URL); the table is appended
 * to target/bench/generation.txt, node logs and GC logs are in target/bench/node-*.log.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class GenerationBench {

  private static final int ROWS = Integer.getInteger("bench.rows", 10_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 50);
  /** Rows the phase 1 node generates before the measured batch (untimed): a warm node, as one running for a while. */
  private static final int WARMUP_ROWS = Integer.getInteger("bench.warmupRows", 0);
  private static final int RPM = Integer.getInteger("bench.rpm", 600);
  private static final int RPM_ROWS = Integer.getInteger("bench.rpmRows", 1_000);
  private static final int CRASH_ROWS = Integer.getInteger("bench.crashRows", 10_000);
  private static final long LATENCY_MS = 100;
  private static final String POOL = System.getProperty("bench.pool", "10");
  private static final String HEAP = System.getProperty("bench.heap", "512m");
  /**
   * The rows' lease on the nodes (the application's default is 2 minutes; the bench's is shorter so the restart
   * phases do not wait long for a killed node's rows). It must exceed the longest a live node can stall between an
   * LLM answer and storing it: with 10 s, a node started on a machine at load average 27 stalled longer, its rows
   * were taken over and 46 calls paid twice.
   */
  private static final String LEASE = System.getProperty("bench.lease", "PT30S");
  /** A stub that answers a repeated key with its stored answer (see {@link OpenAiStub.Settings}); off: strict. */
  private static final boolean HONOUR_KEYS = Boolean.getBoolean("bench.honourKeys");
  /** The section's expected language, checked on every answer by DocumentChecks; {@code -Dbench.language=}: none. */
  private static final String LANGUAGE = System.getProperty("bench.language", "es");
  private static final String PHASES = System.getProperty("bench.phases", "123456");

  private final List<String[]> table = new ArrayList<>();
  private final StringBuilder report = new StringBuilder();
  private JdbcClient jdbc;
  private String dbUrl;
  private long version;

  @Test
  void generation() throws Exception {
    MigratedTestDatabase database = MigratedTestDatabase.postgres();
    jdbc = database.jdbc;
    dbUrl = PostgresTestDatabase.get().url();
    version = template(database);
    line("GenerationBench %s, %d cores, load average %.1f, PostgreSQL %s, nodes -Xmx%s with a pool of %s"
            + " connections, concurrency %d, language check %s", Instant.now(),
        Runtime.getRuntime().availableProcessors(), load(), dbUrl.replaceAll("\\?.*", ""), HEAP, POOL, CONCURRENCY,
        LANGUAGE.isEmpty() ? "off" : LANGUAGE);

    if (PHASES.contains("1")) {
      throughput();
    }
    if (PHASES.contains("2")) {
      rateLimit();
    }
    if (PHASES.contains("3")) {
      crash(1);
    }
    if (PHASES.contains("4")) {
      crash(2);
    }
    printTable();
    write();
  }

  /** Phases 1, 5 and 6. */
  private void throughput() throws Exception {
    Path csv = csv(ROWS, "throughput");
    try (OpenAiStub stub = stub().start(); NodeProcess node = node("node-throughput", stub)) {
      if (WARMUP_ROWS > 0) {
        NodeProcess.Batch warmup = node.intake(csv(WARMUP_ROWS, "warmup"), version);
        waitClosed(warmup.id());
        line("   warm-up: %,d rows generated on the node before phase 1 (not timed, their calls not counted)",
            WARMUP_ROWS);
      }
      long warmupCalls = stub.totalCalls();
      double loadBefore = load();
      long cpuBefore = node.cpuMillis();
      long benchCpuBefore = benchCpuMillis();
      long postgresCpuBefore = postgresCpuMillis();
      NodeProcess.Batch batch = node.intake(csv, version);
      waitClosed(batch.id());
      Thread.sleep(300); // one more report of the node's CPU time
      double cpu = (node.cpuMillis() - cpuBefore) / 1000.0;
      double benchCpu = (benchCpuMillis() - benchCpuBefore) / 1000.0;
      double postgresCpu = (postgresCpuMillis() - postgresCpuBefore) / 1000.0;
      line("   CPU for the %,d rows: node %.1f s, PostgreSQL backends of this database %.1f s, bench JVM (the stub,"
              + " polling) %.1f s: %.1f ms a row in all, %.1f s of 2 cores' time", ROWS, cpu, postgresCpu, benchCpu,
          (cpu + postgresCpu + benchCpu) * 1000 / ROWS, (cpu + postgresCpu + benchCpu) / 2);
      Rows rows = settle(batch, ROWS);
      double seconds = rows.generationSeconds();
      double ideal = ROWS * LATENCY_MS / 1000.0 / CONCURRENCY;
      line("1. %,d rows, latency %d ms, concurrency %d: intake %.1f s, generation (batch started → last row) %.1f s"
              + " (ideal %.1f s: %.2f x), %.0f rows/s, with the intake %.1f s; node CPU %.1f s (%.2f ms a row);"
              + " stub calls %,d, keys answered twice %d; %s; load average %.1f before, %.1f after",
          ROWS, LATENCY_MS, CONCURRENCY, batch.intakeMillis() / 1000.0, seconds, ideal, seconds / ideal,
          ROWS / seconds, rows.withIntakeSeconds(batch), cpu, cpu * 1000 / ROWS, stub.totalCalls() - warmupCalls,
          stub.duplicateKeys().size(), rows, loadBefore, load());
      assertThat(stub.duplicateKeys()).isEmpty();
      row("1. 10,000 rows, 100 ms, concurrency 50" + (WARMUP_ROWS > 0 ? ", warm node" : ""), String.format(Locale.ROOT,
          "%.1f s = %.2f × ideal 20 s (%.0f rows/s; %.1f s with the intake), node CPU %.2f ms a row, %,d calls, 0 keys"
              + " answered twice, load average %.0f–%.0f", seconds, seconds / ideal, ROWS / seconds,
          rows.withIntakeSeconds(batch), cpu * 1000 / ROWS, stub.totalCalls() - warmupCalls, loadBefore, load()),
          "≤ 25 s (1.25 ×)", seconds <= ideal * 1.25 ? "met" : "NOT met");

      if (PHASES.contains("5")) {
        long callsBefore = stub.totalCalls();
        NodeProcess.Batch again = node.intake(csv, version);
        waitClosed(again.id());
        Rows againRows = settle(again, ROWS);
        long cached = jdbc.sql("SELECT COALESCE(SUM(cached_calls), 0) FROM document_row WHERE batch_id = :b")
            .param("b", again.id()).query(Long.class).single();
        line("5. the same %,d rows again: %d LLM calls, %,d answers from the cache, %.1f s; %s", ROWS,
            stub.totalCalls() - callsBefore, cached, againRows.generationSeconds(), againRows);
        assertThat(stub.totalCalls()).isEqualTo(callsBefore);
        row("5. the same file again", String.format(Locale.ROOT, "%d LLM calls, %,d from the cache, %.1f s",
            stub.totalCalls() - callsBefore, cached, againRows.generationSeconds()), "0 calls",
            stub.totalCalls() == callsBefore ? "met" : "NOT met");
      }
      long peak = node.stop();
      if (PHASES.contains("6")) {
        line("6. heap of the node that took the upload and generated phase 1%s: peak %d MB of -Xmx%s, exit %d",
            PHASES.contains("5") ? " and 5" : "", peak, HEAP, node.exitValue());
        row("6. 10,000 rows in a 512 MB heap", String.format(Locale.ROOT,
            "peak %d MB heap used (-Xmx%s), no failure; GC log target/bench/node-throughput-gc.log", peak, HEAP),
            "node does not fail", node.exitValue() == 0 ? "met" : "NOT met");
        assertThat(node.exitValue()).isZero();
      }
    }
  }

  /** Phase 2. */
  private void rateLimit() throws Exception {
    Path csv = csv(RPM_ROWS, "rpm");
    try (OpenAiStub stub = stub().requestsPerMinute(RPM).start();
         NodeProcess node = node("node-rpm", stub, "--rpm=" + RPM)) {
      NodeProcess.Batch batch = node.intake(csv, version);
      waitClosed(batch.id());
      Rows rows = settle(batch, RPM_ROWS);
      double seconds = rows.generationSeconds();
      double perMinute = stub.accepted() / seconds * 60;
      line("2. stub limit %,d requests/min, node bucket %,d/min, %,d rows: %.1f s, achieved %,.0f answered"
              + " requests/min = %.1f %% of the limit; 429s from the limit %d, keys answered twice %d; %s", RPM, RPM,
          RPM_ROWS, seconds, perMinute, 100 * perMinute / RPM, stub.rateLimited(), stub.duplicateKeys().size(),
          rows);
      assertThat(stub.duplicateKeys()).isEmpty();
      row(String.format(Locale.ROOT, "2. limit R = %d requests/min, %,d rows", RPM, RPM_ROWS),
          String.format(Locale.ROOT, "%,.0f/min = %.1f %% of R in %.1f s, %d refusals (429)", perMinute,
              100 * perMinute / RPM, seconds, stub.rateLimited()), "≥ 90 % of R",
          perMinute >= 0.9 * RPM ? "met" : "NOT met");
      node.stop();
    }
  }

  /** Phases 3 (one node) and 4 (two): 10 % injected errors, one node killed halfway and restarted. */
  private void crash(int nodes) throws Exception {
    String phase = nodes == 1 ? "3" : "4";
    Path csv = csv(CRASH_ROWS, "crash" + nodes);
    try (OpenAiStub stub = stub().errorRate(0.1).start()) {
      List<NodeProcess> running = new ArrayList<>();
      try {
        for (int i = 0; i < nodes; i++) {
          running.add(node("node-crash" + nodes + "-" + (char) ('a' + i), stub));
        }
        NodeProcess.Batch batch = running.get(0).intake(csv, version);
        waitFor(() -> count(batch.id(), "GENERATED") >= CRASH_ROWS / 2, Duration.ofMinutes(10));
        long generatedAtKill = count(batch.id(), "GENERATED");
        running.get(0).kill();
        long killedAt = System.currentTimeMillis();
        // the rows the dead node held: claimed by it, so nobody touches them before their lease runs out
        java.util.Set<String> held = new java.util.HashSet<>(jdbc.sql("""
                SELECT idempotency_key || ':carta' FROM document_row
                WHERE batch_id = :b AND status = 'CLAIMED' AND claimed_by = :node""")
            .param("b", batch.id()).param("node", running.get(0).id()).query(String.class).list());
        long heldAtKill = held.size();
        NodeProcess restarted = node("node-crash" + nodes + "-a2", stub);
        running.add(restarted);
        waitClosed(batch.id());
        Rows rows = settle(batch, CRASH_ROWS);
        double seconds = rows.generationSeconds();
        Map<String, Long> again = stub.askedAgain();
        // a call in flight when its node was killed: its row was held by the dead node, its answer went to a dead
        // process (or arrived before the node could store it); the row is claimed again after the lease and the
        // call made again. Any other key asked twice is a fault.
        long inFlight = again.keySet().stream().filter(held::contains).count();
        long otherRepeats = again.size() - inFlight;
        LongSummaryStatistics offsets = again.entrySet().stream().filter(entry -> held.contains(entry.getKey()))
            .mapToLong(entry -> entry.getValue() - killedAt).summaryStatistics();
        long heldClaimedTwice = held.isEmpty() ? 0 : jdbc.sql("""
                SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND attempts > 1
                  AND idempotency_key || ':carta' IN (:keys)""").param("b", batch.id()).param("keys", held)
            .query(Long.class).single();
        again.keySet().stream().filter(key -> !held.contains(key)).limit(10).forEach(key -> line(
            "   asked again, not held by the killed node: %s first answered %+d ms from the kill, row %s", key,
            again.get(key) - killedAt, jdbc.sql("SELECT status || ' attempts ' || attempts FROM document_row"
                + " WHERE idempotency_key || ':carta' = :k").param("k", key).query(String.class).list()));
        line("%s. %,d rows, %d node%s, 10 %% injected 429/500, node a killed (SIGKILL) at %,d generated with %d rows"
                + " claimed, restarted at once (its rows free after the %s lease): %.1f s; stub calls %,d (%,d"
                + " injected errors, %,d new answers, %,d replayed); keys asked again after a 2xx answer %d: held by"
                + " the killed node %d (first answered %d to %+d ms from the kill), others %d; rows claimed twice"
                + " %,d, of them held by the killed node %,d; %s", phase, CRASH_ROWS, nodes, nodes == 1 ? "" : "s",
            generatedAtKill, heldAtKill, LEASE, seconds, stub.totalCalls(), stub.failed(), stub.accepted(),
            stub.replayed(),
            again.size(), inFlight, offsets.getCount() == 0 ? 0 : offsets.getMin(),
            offsets.getCount() == 0 ? 0 : offsets.getMax(), otherRepeats, rows.claimedTwice(), heldClaimedTwice,
            rows);
        for (NodeProcess node : running) {
          if (node.alive()) {
            line("   %s: peak heap %d MB, %,d requests", node.id(), node.stop(), node.calls());
          }
        }
        row(phase + ". " + (nodes == 1 ? "10 % errors, kill -9 halfway, restart"
                : "the same, two nodes sharing the batch"),
            String.format(Locale.ROOT, "%s; %.1f s; %,d calls (%,d injected errors); keys asked again after a 2xx"
                + " answer: %d, every one in flight at the kill (≤ %d); billed twice: %d", rows.brief(), seconds,
                stub.totalCalls(), stub.failed(), again.size(), CONCURRENCY, stub.duplicateKeys().size()),
            "every row once, 0 duplicates",
            rows.exact() && otherRepeats == 0 ? (again.isEmpty() || HONOUR_KEYS ? "met" : "met except in-flight")
                : "NOT met");
        assertThat(rows.exact()).isTrue();
        assertThat(otherRepeats).isZero();
        assertThat((long) again.size()).isLessThanOrEqualTo(CONCURRENCY);
      } finally {
        for (NodeProcess node : running) {
          node.close();
        }
      }
    }
  }

  private OpenAiStub.Settings stub() {
    return OpenAiStub.builder().latency(Duration.ofMillis(LATENCY_MS)).threads(2 * CONCURRENCY + 28)
        .honourIdempotencyKeys(HONOUR_KEYS);
  }

  private NodeProcess node(String name, OpenAiStub stub, String... more) throws Exception {
    List<String> flags = new ArrayList<>(List.of("--db=" + dbUrl, "--llm=" + stub.baseUrl(), "--pool=" + POOL,
        "--concurrency=" + CONCURRENCY, "--lease=" + LEASE, "--chunk=" + Integer.getInteger("bench.chunk", 50)));
    flags.addAll(List.of(more));
    return NodeProcess.start(name, HEAP, flags.toArray(String[]::new));
  }

  /** What the row table says about a batch once it is closed. */
  private record Rows(Map<String, Long> byStatus, long total, long open, long claimedTwice, long cacheEntries,
      Instant started, Instant lastFinished, long flagged) {

    boolean exact() {
      return open == 0 && byStatus.getOrDefault("GENERATED", 0L) == total && cacheEntries == total;
    }

    /** The generation phase: the upload accepted (the batch started) → its last row generated and checked. */
    double generationSeconds() {
      return (lastFinished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }

    /** From the first byte of the upload (intake included) to the last row. */
    double withIntakeSeconds(NodeProcess.Batch batch) {
      return (lastFinished.toEpochMilli() - batch.uploadStartMillis()) / 1000.0;
    }

    String brief() {
      return String.format(Locale.ROOT, "%,d of %,d GENERATED, %d PENDING/CLAIMED, %,d claimed twice", byStatus
          .getOrDefault("GENERATED", 0L), total, open, claimedTwice);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "rows by status %s, left open %d, claimed more than once %,d, cache entries"
          + " %,d, flagged by the checks %,d", byStatus, open, claimedTwice, cacheEntries, flagged);
    }
  }

  /**
   * Every row of the batch in a final status, none PENDING or CLAIMED, all generated, one cache entry per row key
   * (one section): read from the tables, not from the nodes.
   */
  private Rows settle(NodeProcess.Batch batch, int expected) {
    Map<String, Long> byStatus = new TreeMap<>();
    jdbc.sql("SELECT status, COUNT(*) FROM document_row WHERE batch_id = :b GROUP BY status")
        .param("b", batch.id()).query(rs -> {
          byStatus.put(rs.getString(1), rs.getLong(2));
        });
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long open = byStatus.getOrDefault("PENDING", 0L) + byStatus.getOrDefault("CLAIMED", 0L);
    long claimedTwice = jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND attempts > 1")
        .param("b", batch.id()).query(Long.class).single();
    long cache = jdbc.sql("""
            SELECT COUNT(*) FROM document_llm_cache c JOIN document_row r ON c.cache_key = r.idempotency_key || ':carta'
            WHERE r.batch_id = :b""").param("b", batch.id()).query(Long.class).single();
    long flagged = jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND checks_passed = FALSE")
        .param("b", batch.id()).query(Long.class).single();
    Instant[] span = jdbc.sql("""
            SELECT b.started_at, MAX(r.finished_at) FROM document_row r JOIN document_batch b ON b.id = r.batch_id
            WHERE r.batch_id = :b GROUP BY b.started_at""")
        .param("b", batch.id())
        .query((rs, n) -> new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()}).single();
    Rows rows = new Rows(byStatus, total, open, claimedTwice, cache, span[0], span[1], flagged);
    assertThat(total).isEqualTo(expected);
    assertThat(open).isZero();
    assertThat(byStatus.getOrDefault("GENERATED", 0L)).isEqualTo(expected);
    assertThat(cache).isEqualTo(expected);
    return rows;
  }

  private long count(long batchId, String status) {
    return jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND status = :s").param("b", batchId)
        .param("s", status).query(Long.class).single();
  }

  private void waitClosed(long batchId) throws InterruptedException {
    waitFor(() -> !"RUNNING".equals(jdbc.sql("SELECT status FROM document_batch WHERE id = :b").param("b", batchId)
        .query(String.class).single()), Duration.ofMinutes(15));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout);
      }
      Thread.sleep(100);
    }
  }

  private long template(MigratedTestDatabase database) {
    DocumentTemplates templates = new DocumentTemplates(database.jdbc, database.transactionManager,
        Clock.systemUTC());
    return templates.save("bench-" + UUID.randomUUID(), "Bench", "# {{nombre}}, {{empresa}}\n\n{{llm:carta}}\n",
        TemplateVersion.BodyFormat.MARKDOWN,
        List.of(new TemplateSection("carta", "Escribe una carta breve para {{nombre}} de {{empresa}} ({{ciudad}}).",
            120, 1, 4_000, LANGUAGE.isEmpty() ? null : LANGUAGE, List.of(), List.of("garantizado"), null)),
        "bench").id();
  }

  /** A file of {@code rows} rows, different per tag (so per phase: no answers cached from another phase). */
  private static Path csv(int rows, String tag) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("nombre;empresa;ciudad\n".getBytes(StandardCharsets.UTF_8));
    String[] cities = {"Bogotá", "Lima", "Ciudad de México", "Santiago", "São Paulo", "Quito"};
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 1; i <= rows; i++) {
      out.writeBytes(String.format(Locale.ROOT, "Persona %s %s %d;Empresa %d S.A.;%s%n", tag, run, i, i,
          cities[i % 6]).getBytes(StandardCharsets.UTF_8));
    }
    Path file = Path.of("target/bench/generation-" + tag + ".csv");
    Files.createDirectories(file.getParent());
    Files.write(file, out.toByteArray());
    return file;
  }

  private static long benchCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
  }

  /**
   * CPU time (user + system) of the PostgreSQL backends connected to this database now, from /proc/<pid>/stat
   * (PostgreSQL on this machine; 0 where /proc is not readable). The nodes' pooled connections live as long as the
   * node, so the difference over a phase is what PostgreSQL spent on it.
   */
  private long postgresCpuMillis() {
    long ticks = 0;
    for (Integer pid : jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        .query(Integer.class).list()) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (Exception e) {
        // not on this machine, or gone
      }
    }
    return ticks * 10; // USER_HZ = 100 on Linux
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void row(String phase, String figure, String target, String verdict) {
    table.add(new String[] {phase, figure, target, verdict});
  }

  private void printTable() {
    line("");
    line("| phase | measured | target | |");
    line("|---|---|---|---|");
    for (String[] row : table) {
      line("| %s | %s | %s | %s |", (Object[]) row);
    }
  }

  private void line(String format, Object... args) {
    String text = String.format(Locale.ROOT, format, args);
    System.out.println(text);
    report.append(text).append('\n');
  }

  private void write() throws Exception {
    Path out = Path.of("target/bench/generation.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
