package io.escala.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.escala.documents.BatchGenerated;
import io.escala.documents.BatchIntake;
import io.escala.documents.DocumentBatches;
import io.escala.documents.DocumentChecks;
import io.escala.documents.DocumentRows;
import io.escala.documents.DocumentTemplates;
import io.escala.documents.DocumentsProperties;
import io.escala.documents.GenerationWorker;
import io.escala.documents.OpenAiDocumentModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One document generation node in its own JVM, for {@link GenerationBench}: the documents module wired by hand as
 * {@code DocumentsConfiguration} does (pooled data source, intake, worker, checks, OpenAI client), with no Spring
 * context. The bench starts it with {@code java -Xmx512m -cp <test classpath> io.escala.bench.GenerationNode
 * --db=<jdbc url> --llm=<base url> ...}, kills it with SIGKILL, and talks to it over stdin / stdout, one line each:
 * <ul>
 *   <li>out {@code READY <node id>} once the worker runs;</li>
 *   <li>in {@code intake <csv path> <template version id>}: uploads the file as a new batch and starts it (the
 *       upload a staff member makes on a node); out {@code BATCH <id> <upload start, epoch ms> <intake ms>
 *       <accepted rows>};</li>
 *   <li>out {@code GENERATED <batch id>} when this node closes a batch;</li>
 *   <li>out {@code HEAP <used MB> <peak MB> <calls> <cpu ms>} every 250 ms: heap in use, the sum of the heap pools'
 *       peaks since start (an upper bound of the peak), LLM requests this node sent, CPU time of the JVM;</li>
 *   <li>in {@code stop}: {@link GenerationWorker#stop()}, then out {@code STOPPED <peak MB> <calls>} and exit.</li>
 * </ul>
 * The node exits when its stdin closes, so a bench that dies leaves no node behind.
 */
public final class GenerationNode {

  private static final AtomicLong peakUsed = new AtomicLong();

  private GenerationNode() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      String[] flag = arg.replaceFirst("^--", "").split("=", 2);
      flags.put(flag[0], flag.length == 2 ? flag[1] : "true");
    }
    String name = flags.getOrDefault("name", "node");
    int concurrency = Integer.parseInt(flags.getOrDefault("concurrency", "50"));
    int pool = Integer.parseInt(flags.getOrDefault("pool", "10"));
    DocumentsProperties properties = new DocumentsProperties(true, concurrency,
        Integer.parseInt(flags.getOrDefault("chunk", "50")), Duration.parse(flags.getOrDefault("lease", "PT10S")),
        Duration.ofMillis(50), Integer.parseInt(flags.getOrDefault("rpm", "0")), 0, Duration.ofSeconds(5), 8,
        Duration.ofMillis(200), Duration.ofSeconds(10), 262_144, 32_768, 100_000, 0.15, 0.60);

    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(flags.get("db"));
    dataSource.setMaximumPoolSize(pool);
    dataSource.setPoolName("node-" + name);
    Clock clock = Clock.systemUTC();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    DocumentTemplates templates = new DocumentTemplates(jdbc, transactions, clock);
    DocumentBatches batches = new DocumentBatches(jdbc, clock,
        event -> say("GENERATED " + ((BatchGenerated) event).batchId()), DocumentsProperties.defaults());
    DocumentRows rows = new DocumentRows(jdbc, transactions, clock);
    BatchIntake intake = new BatchIntake(templates, batches, new JdbcTemplate(dataSource), transactions, clock,
        DocumentsProperties.defaults());
    OpenAiDocumentModel model = new OpenAiDocumentModel(flags.get("llm"), "sk-bench", properties.llmTimeout(),
        concurrency, clock);
    GenerationWorker worker = new GenerationWorker(rows, batches, templates, new DocumentChecks(), model, properties,
        clock, name, false);

    worker.start();
    say("READY " + worker.node());
    Thread heap = new Thread(() -> {
      while (true) {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakUsed.accumulateAndGet(used, Math::max);
        say("HEAP " + mb(used) + " " + peakMb() + " " + worker.callsMade() + " " + cpuMillis());
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-report");
    heap.setDaemon(true);
    heap.start();

    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = commands.readLine()) != null; ) {
      String[] command = line.trim().split(" ");
      if (command[0].equals("intake")) {
        long start = System.currentTimeMillis();
        try (InputStream csv = Files.newInputStream(Path.of(command[1]))) {
          BatchIntake.IntakeReport report = intake.csv(Long.parseLong(command[2]), "gpt-4o-mini", "bench", csv,
              Map.of());
          batches.start(report.batchId());
          say("BATCH " + report.batchId() + " " + start + " " + (System.currentTimeMillis() - start) + " "
              + report.accepted());
        }
      } else if (command[0].equals("stop")) {
        worker.stop();
        say("STOPPED " + peakMb() + " " + worker.callsMade());
        break;
      }
    }
    model.close();
    dataSource.close();
    System.exit(0);
  }

  /** CPU time of this JVM, all threads (JIT and GC included). */
  private static long cpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
  }

  /** The larger of the sampled heap in use and the sum of the heap pools' peaks. */
  private static long peakMb() {
    long pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
    return mb(Math.max(pools, peakUsed.get()));
  }

  private static long mb(long bytes) {
    return bytes / (1024 * 1024);
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
