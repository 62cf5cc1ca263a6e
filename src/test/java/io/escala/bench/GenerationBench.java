package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.escala.bench.stub.OpenAiStub;
import io.escala.documents.BatchGenerated;
import io.escala.documents.BatchIntake;
import io.escala.documents.DocumentBatch;
import io.escala.documents.DocumentBatches;
import io.escala.documents.DocumentChecks;
import io.escala.documents.DocumentRows;
import io.escala.documents.DocumentTemplates;
import io.escala.documents.DocumentsProperties;
import io.escala.documents.GenerationWorker;
import io.escala.documents.OpenAiDocumentModel;
import io.escala.documents.TemplateSection;
import io.escala.documents.TemplateVersion;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.PostgresTestDatabase;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Bulk generation on PostgreSQL against {@link OpenAiStub}: the real intake, worker, checks and OpenAI client, with a
 * pooled data source. Phases:
 * <ol>
 *   <li>10,000 rows, stub latency 100 ms, concurrency 50: upload accepted → every row generated and checked, against
 *       the ideal 10,000 × 0.1 s / 50 = 20 s; duplicate calls per idempotency key (must be 0);</li>
 *   <li>the same file again: LLM calls (must be 0);</li>
 *   <li>a stub limited to R requests per minute and the worker's bucket set to R: the achieved rate against R;</li>
 *   <li>10 % injected 429 / 500 answers and the worker stopped halfway (its rows left claimed) and replaced by a new
 *       one after the lease: rows ended, duplicate calls per key.</li>
 * </ol>
 * Run with {@code ./mvnw -Pbench verify -Dit.test=GenerationBench} (needs POSTGRES_TEST_URL); results appended to
 * target/bench/generation.txt. {@code -Dbench.rows=10000 -Dbench.rpm=1500 -Dbench.rpmRows=3000
 * -Dbench.crashRows=2000 -Dbench.phases=1234 -Dbench.pool=10}.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class GenerationBench {

  private static final int ROWS = Integer.getInteger("bench.rows", 10_000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 50);
  private static final int RPM = Integer.getInteger("bench.rpm", 1_500);
  private static final int RPM_ROWS = Integer.getInteger("bench.rpmRows", 3_000);
  private static final int CRASH_ROWS = Integer.getInteger("bench.crashRows", 2_000);
  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final int POOL = Integer.getInteger("bench.pool", 10);
  /** {@code -Dbench.phases=12}: the phases to run (2 follows 1). */
  private static final String PHASES = System.getProperty("bench.phases", "1234");

  private final List<BatchGenerated> events = new CopyOnWriteArrayList<>();
  private final StringBuilder report = new StringBuilder();

  @Test
  void generation() throws Exception {
    MigratedTestDatabase.postgres();
    try (HikariDataSource dataSource = pool()) {
      Core core = new Core(dataSource);
      line("GenerationBench %s, %d cores, max heap %d MB, PostgreSQL, pool of %d connections", Instant.now(),
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), POOL);

      // 1 + 2: throughput, then the same file again
      if (PHASES.contains("1")) try (OpenAiStub stub = OpenAiStub.builder().latency(LATENCY)
          .threads(CONCURRENCY + 14).start()) {
        DocumentsProperties properties = properties(0, Duration.ofMinutes(2));
        long version = core.template();
        byte[] csv = csv(ROWS, "throughput");
        resetPeakHeap();
        Run first = core.run(stub, properties, version, csv, null);
        double ideal = ROWS * LATENCY.toMillis() / 1000.0 / CONCURRENCY;
        line("1. %,d rows, latency %d ms, concurrency %d: intake %.1f s, generation %.1f s (ideal %.1f s, %.2f x),"
                + " %.0f rows/s; stub calls %,d, duplicate keys %d; rows generated %,d, failed %d; peak heap %d MB",
            ROWS, LATENCY.toMillis(), CONCURRENCY, first.intakeSeconds, first.generationSeconds, ideal,
            first.generationSeconds / ideal, ROWS / first.generationSeconds, stub.totalCalls(),
            stub.duplicateKeys().size(), first.batch.rowsGenerated(), first.batch.rowsFailed(), peakHeapMb());
        assertThat(stub.duplicateKeys()).isEmpty();
        assertThat(first.batch.rowsGenerated()).isEqualTo(ROWS);

        if (PHASES.contains("2")) {
          long callsBefore = stub.totalCalls();
          Run again = core.run(stub, properties, version, csv, null);
          line("2. the same %,d rows again: %d LLM calls, %,d answers from the cache, %.1f s", ROWS,
              stub.totalCalls() - callsBefore, again.batch.cachedCalls(), again.generationSeconds);
          assertThat(stub.totalCalls()).isEqualTo(callsBefore);
        }
      }

      // 3: a requests-per-minute limit
      if (PHASES.contains("3")) try (OpenAiStub stub = OpenAiStub.builder().latency(LATENCY).requestsPerMinute(RPM)
          .threads(CONCURRENCY + 14).start()) {
        DocumentsProperties properties = properties(RPM, Duration.ofMinutes(2));
        Run limited = core.run(stub, properties, core.template(), csv(RPM_ROWS, "rpm"), null);
        double perMinute = limited.batch.llmCalls() == 0 ? 0 : stub.accepted() / limited.generationSeconds * 60;
        line("3. stub limit %,d requests/min, %,d rows: %.1f s, achieved %,.0f answered requests/min = %.0f %% of the"
                + " limit; 429s from the limit %d, duplicate keys %d", RPM, RPM_ROWS, limited.generationSeconds,
            perMinute, 100 * perMinute / RPM, stub.rateLimited(), stub.duplicateKeys().size());
        assertThat(stub.duplicateKeys()).isEmpty();
      }

      // 4: injected errors and a worker replaced halfway
      if (PHASES.contains("4")) try (OpenAiStub stub = OpenAiStub.builder().latency(LATENCY).errorRate(0.1)
          .threads(CONCURRENCY + 14).start()) {
        DocumentsProperties properties = properties(0, Duration.ofSeconds(10));
        Run crashed = core.run(stub, properties, core.template(), csv(CRASH_ROWS, "crash"), CRASH_ROWS / 2);
        line("4. %,d rows, 10 %% injected 429/500, worker stopped after %,d rows and replaced after its %d s lease:"
                + " %.1f s; rows generated %,d, failed %d, left open %d; stub calls %,d (%,d injected errors),"
                + " duplicate keys %d", CRASH_ROWS, CRASH_ROWS / 2, properties.lease().toSeconds(),
            crashed.generationSeconds, crashed.batch.rowsGenerated(), crashed.batch.rowsFailed(),
            CRASH_ROWS - crashed.batch.rowsGenerated() - crashed.batch.rowsFailed(), stub.totalCalls(),
            stub.failed(), stub.duplicateKeys().size());
        assertThat(stub.duplicateKeys()).isEmpty();
        assertThat(crashed.batch.rowsGenerated() + crashed.batch.rowsFailed()).isEqualTo(CRASH_ROWS);
      }
      write();
    }
  }

  private DocumentsProperties properties(int requestsPerMinute, Duration lease) {
    return new DocumentsProperties(true, CONCURRENCY, 50, lease, Duration.ofMillis(50), requestsPerMinute, 0,
        Duration.ofSeconds(5), 8, Duration.ofMillis(200), Duration.ofSeconds(10), 262_144, 32_768, 100_000, 0.15,
        0.60);
  }

  private static HikariDataSource pool() {
    PostgresTestDatabase.Database database = PostgresTestDatabase.get();
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.url());
    if (database.username() != null) {
      dataSource.setUsername(database.username());
      dataSource.setPassword(database.password());
    }
    // 10: the application's default pool size
    dataSource.setMaximumPoolSize(POOL);
    return dataSource;
  }

  private record Run(DocumentBatch batch, double intakeSeconds, double generationSeconds) {}

  /** The documents module, wired by hand as DocumentsConfiguration does. */
  private final class Core {
    final JdbcClient jdbc;
    final DocumentTemplates templates;
    final DocumentBatches batches;
    final BatchIntake intake;
    final DocumentRows rows;
    final DocumentChecks checks = new DocumentChecks();
    final DataSourceTransactionManager transactions;
    final Clock clock = Clock.systemUTC();
    final HikariDataSource dataSource;

    Core(HikariDataSource dataSource) {
      this.dataSource = dataSource;
      jdbc = JdbcClient.create(dataSource);
      transactions = new DataSourceTransactionManager(dataSource);
      templates = new DocumentTemplates(jdbc, transactions, clock);
      batches = new DocumentBatches(jdbc, clock, event -> events.add((BatchGenerated) event),
          DocumentsProperties.defaults());
      rows = new DocumentRows(jdbc, transactions, clock);
      intake = new BatchIntake(templates, batches, new JdbcTemplate(dataSource), transactions, clock,
          DocumentsProperties.defaults());
    }

    long template() {
      return templates.save("bench-" + UUID.randomUUID(), "Bench", "# {{nombre}}, {{empresa}}\n\n{{llm:carta}}\n",
          TemplateVersion.BodyFormat.MARKDOWN,
          List.of(new TemplateSection("carta", "Escribe una carta breve para {{nombre}} de {{empresa}} ({{ciudad}}).",
              120, 1, 4_000, null, List.of(), List.of("garantizado"), null)), "bench").id();
    }

    /** @param stopAfter rows generated before the worker is stopped and, after its lease, replaced; null: never */
    Run run(OpenAiStub stub, DocumentsProperties properties, long version, byte[] csv, Integer stopAfter)
        throws InterruptedException {
      try (OpenAiDocumentModel model = new OpenAiDocumentModel(stub.baseUrl(), "sk-bench", properties.llmTimeout(),
          properties.concurrency(), clock)) {
        GenerationWorker worker = new GenerationWorker(rows, batches, templates, checks, model, properties, clock,
            "bench", false);
        worker.start();
        long start = System.nanoTime();
        BatchIntake.IntakeReport report = intake.csv(version, "gpt-4o-mini", "bench",
            new java.io.ByteArrayInputStream(csv), Map.of());
        double intakeSeconds = (System.nanoTime() - start) / 1e9;
        batches.start(report.batchId());
        if (stopAfter != null) {
          waitFor(() -> generated(report.batchId()) >= stopAfter);
          worker.stop();
          Thread.sleep(properties.lease().toMillis());
          worker = new GenerationWorker(rows, batches, templates, checks, model, properties, clock, "bench-2",
              false);
          worker.start();
        }
        waitFor(() -> events.contains(new BatchGenerated(report.batchId())));
        double seconds = (System.nanoTime() - start) / 1e9;
        worker.stop();
        return new Run(batches.find(report.batchId()).orElseThrow(), intakeSeconds, seconds);
      }
    }

    long generated(long batchId) {
      return jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND status = 'GENERATED'")
          .param("b", batchId).query(Long.class).single();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within 10 minutes");
      }
      Thread.sleep(10);
    }
  }

  private static byte[] csv(int rows, String tag) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("nombre;empresa;ciudad\n".getBytes(StandardCharsets.UTF_8));
    String[] cities = {"Bogotá", "Lima", "Ciudad de México", "Santiago", "São Paulo", "Quito"};
    for (int i = 1; i <= rows; i++) {
      out.writeBytes(String.format(Locale.ROOT, "Persona %s %d;Empresa %d S.A.;%s%n", tag, i, i, cities[i % 6])
          .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void resetPeakHeap() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapMb() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
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
