package io.escala.documents;

import static io.escala.support.Eventually.waitUntil;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small batch through the real worker, with WireMock as the OpenAI-compatible LLM: a worker stopped mid-batch (its
 * rows left claimed, nothing released), a second one that takes them over after the lease, two workers sharing a
 * batch, and the same rows again at no LLM cost. Every row ends exactly once and no idempotency key is answered twice.
 */
abstract class DocumentGenerationScenarios {

  private static final String MODEL = "gpt-4o-mini";
  private static final int ROWS = 24;
  private static final String INTRO = "Estimado cliente, gracias por elegir nuestros cursos de inteligencia artificial"
      + " para su equipo. Le acompañaremos durante todo el programa.";
  private static final String POINTS = "{\"puntos\":[\"Clases en vivo cada semana\",\"Tutoría personal\"]}";
  private static final String SCHEMA = """
      {"type":"object","required":["puntos"],"properties":{"puntos":{"type":"array","items":{"type":"string"},
       "minItems":2}}}""";

  abstract MigratedTestDatabase database();

  private MigratedTestDatabase database;
  private WireMockServer llm;
  private MutableClock clock;
  private DocumentTemplates templates;
  private DocumentBatches batches;
  private BatchIntake intake;
  private DocumentRows rows;
  private final DocumentChecks checks = new DocumentChecks();
  private final List<BatchGenerated> events = new CopyOnWriteArrayList<>();
  private final List<GenerationWorker> workers = new CopyOnWriteArrayList<>();
  private DocumentsProperties properties;
  private OpenAiDocumentModel model;

  @BeforeEach
  void setUp() {
    database = database();
    clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    properties = new DocumentsProperties(true, 4, 4, Duration.ofMinutes(2), Duration.ofMillis(20), 0, 0,
        Duration.ofSeconds(5), 4, Duration.ofMillis(10), Duration.ofMillis(100), 262_144, 32_768, 100_000, 0.15, 0.60);
    templates = new DocumentTemplates(database.jdbc, database.transactionManager, clock);
    batches = new DocumentBatches(database.jdbc, clock, event -> events.add((BatchGenerated) event), properties);
    intake = new BatchIntake(templates, batches, new JdbcTemplate(database.dataSource), database.transactionManager,
        clock, properties);
    rows = new DocumentRows(database.jdbc, database.transactionManager, clock);
    llm = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(24));
    llm.start();
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(10)
        .withRequestBody(containing("\"response_format\""))
        .willReturn(completion(POINTS).withFixedDelay(60)));
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(20)
        .willReturn(completion(INTRO).withFixedDelay(60)));
    model = new OpenAiDocumentModel(llm.baseUrl() + "/v1", "sk-test", properties.llmTimeout(), 8, clock);
  }

  @AfterEach
  void tearDown() {
    workers.forEach(GenerationWorker::stop);
    model.close();
    llm.stop();
    database.close();
  }

  @Test
  void aWorkerStoppedMidBatchLeavesItsRowsToTheNextAfterTheLeaseAndNoRowIsPaidTwice() {
    // one row's first call is refused with 429 + Retry-After, another's with a 500: both are retried
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1).inScenario("rate-limited")
        .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("Cliente 7"))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withHeader("Content-Type",
            "application/json").withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_exceeded\"}}"))
        .willSetStateTo("answered"));
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1).inScenario("server-error")
        .whenScenarioStateIs(Scenario.STARTED).withRequestBody(containing("Cliente 11"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
        .willSetStateTo("answered"));
    long version = template();
    long batch = submit(version);

    GenerationWorker first = worker("node-a");
    first.start();
    waitUntil(() -> count(batch, "GENERATED") >= 6, "six rows generated by the first worker");
    first.stop();
    List<Long> leftClaimed = claimedRows(batch);
    assertThat(leftClaimed).as("rows the stopped worker held, still claimed").isNotEmpty();
    assertThat(claimedBy(batch)).containsOnly(first.node());

    GenerationWorker second = worker("node-b");
    second.start();
    waitUntil(() -> count(batch, "PENDING") == 0 && count(batch, "CLAIMED") == leftClaimed.size(),
        "the second worker done with every row but the ones under lease");
    assertThat(claimedRows(batch)).as("a live lease is respected").isEqualTo(leftClaimed);
    assertThat(claimedBy(batch)).containsOnly(first.node());

    clock.advance(properties.lease().plusSeconds(1));
    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED, "batch generated");

    DocumentBatch done = batches.find(batch).orElseThrow();
    assertThat(count(batch, "GENERATED")).isEqualTo(ROWS);
    assertThat(done.rowsGenerated()).isEqualTo(ROWS);
    assertThat(done.rowsFailed()).isZero();
    assertThat(done.rowsFlagged()).isZero();
    assertThat(events).containsExactly(new BatchGenerated(batch));
    assertThat(attempts(leftClaimed)).as("taken again after the lease").allMatch(attempts -> attempts == 2);
    assertThat(answeredPerKey()).as("2xx answers per idempotency key").hasSize(ROWS * 2).allSatisfy(
        (key, answered) -> assertThat(answered).as(key).isEqualTo(1));
    assertThat(callsPerKey().values().stream().mapToLong(Long::longValue).sum())
        .as("two refused calls retried, nothing else").isEqualTo(ROWS * 2 + 2);
    assertThat(done.llmCalls()).isEqualTo(ROWS * 2 + 2);
    assertThat(done.promptTokens()).isEqualTo(ROWS * 2 * 120L);
    assertThat(done.costMicros()).isEqualTo(Math.round(ROWS * 2 * (120 * 0.15 + 60 * 0.60)));

    String document = database.jdbc.sql("SELECT output FROM document_row WHERE batch_id = :b AND line_number = 8")
        .param("b", batch).query(String.class).single();
    assertThat(document).isEqualTo("# Para Cliente 7 de Empresa 7\n\n" + INTRO
        + "\n\n{\"puntos\":[\"Clases en vivo cada semana\",\"Tutoría personal\"]}\n");

    // the same rows again: every answer from the cache
    int callsBefore = llm.getAllServeEvents().size();
    long again = submit(version);
    waitUntil(() -> batches.find(again).orElseThrow().status() == DocumentBatch.Status.GENERATED,
        "the second batch generated");
    assertThat(llm.getAllServeEvents()).as("LLM calls for the same batch again").hasSize(callsBefore);
    DocumentBatch repeated = batches.find(again).orElseThrow();
    assertThat(repeated.llmCalls()).isZero();
    assertThat(repeated.cachedCalls()).isEqualTo(ROWS * 2);
    assertThat(repeated.rowsGenerated()).isEqualTo(ROWS);
    assertThat(events).containsExactly(new BatchGenerated(batch), new BatchGenerated(again));
  }

  @Test
  void twoNodesShareABatchAndNeitherCallsForTheOthersRows() {
    long batch = submit(template());
    GenerationWorker a = worker("node-a");
    GenerationWorker b = worker("node-b");
    a.start();
    b.start();

    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED, "batch generated");

    assertThat(count(batch, "GENERATED")).isEqualTo(ROWS);
    assertThat(a.callsMade()).isPositive();
    assertThat(b.callsMade()).isPositive();
    assertThat(a.callsMade() + b.callsMade()).isEqualTo(ROWS * 2);
    assertThat(answeredPerKey()).hasSize(ROWS * 2).allSatisfy((key, answered) -> assertThat(answered).isEqualTo(1));
    assertThat(events).containsExactly(new BatchGenerated(batch));
  }

  @Test
  void aRowThatKeepsFailingEndsFailedWithItsReasonAndTheBatchStillCloses() {
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("Cliente 3"))
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));
    long batch = submit(template());
    worker("node-a").start();

    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED, "batch generated");

    DocumentBatch done = batches.find(batch).orElseThrow();
    assertThat(done.rowsGenerated()).isEqualTo(ROWS - 1);
    assertThat(done.rowsFailed()).isEqualTo(1);
    assertThat(database.jdbc.sql("SELECT error FROM document_row WHERE batch_id = :b AND status = 'FAILED'")
        .param("b", batch).query(String.class).single()).isEqualTo("HTTP 503 (InternalServerException)");
    assertThat(llm.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(containing("Cliente 3"))))
        .as("max attempts").hasSize(properties.maxAttempts());
  }

  @Test
  void checkFailuresAreStoredWithTheirReasons() {
    llm.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("Cliente 5")).withRequestBody(containing("Escribe la introducción"))
        .willReturn(completion("Dear customer, thank you for choosing our artificial intelligence courses for your"
            + " team; Cliente 6 from Empresa 6 enjoyed them too. {{descuento}}")));
    long batch = submit(template());
    worker("node-a").start();

    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED, "batch generated");

    assertThat(batches.find(batch).orElseThrow().rowsFlagged()).isEqualTo(1);
    String results = database.jdbc.sql(
            "SELECT check_results FROM document_row WHERE batch_id = :b AND checks_passed = FALSE")
        .param("b", batch).query(String.class).single();
    assertThat(results).contains("\"check\":\"language\"", "written in en, es expected")
        .contains("\"check\":\"unresolved-placeholder\"", "{{descuento}}")
        .contains("\"check\":\"other-row-data\"", "\\\"cliente 6\\\" belongs to line 7");
  }

  private long template() {
    return templates.save("bienvenida-" + UUID.randomUUID(), "Bienvenida",
        "# Para {{nombre}} de {{empresa}}\n\n{{llm:intro}}\n\n{{llm:puntos}}\n", TemplateVersion.BodyFormat.MARKDOWN,
        List.of(new TemplateSection("intro", "Escribe la introducción de una carta para {{nombre}} de {{empresa}}.",
                300, 60, 600, "es", List.of("cursos"), List.of("garantizado"), null),
            new TemplateSection("puntos", "Lista dos ventajas del curso para {{empresa}}.", 200, null, null, null,
                List.of(), List.of(), SCHEMA)),
        "ana").id();
  }

  private long submit(long version) {
    String csv = "nombre;empresa\n" + java.util.stream.IntStream.rangeClosed(1, ROWS)
        .mapToObj(i -> "Cliente " + i + ";Empresa " + i).collect(Collectors.joining("\n")) + "\n";
    BatchIntake.IntakeReport report = intake.csv(version, MODEL, "ana",
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Map.of());
    assertThat(report.accepted()).isEqualTo(ROWS);
    batches.start(report.batchId());
    return report.batchId();
  }

  private GenerationWorker worker(String name) {
    GenerationWorker worker = new GenerationWorker(rows, batches, templates, checks, model, properties, clock, name,
        false);
    workers.add(worker);
    return worker;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content) {
    String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
        {"id":"chatcmpl-test","object":"chat.completion","created":1764000000,"model":"gpt-4o-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                     "logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":120,"completion_tokens":60,"total_tokens":180}}""".formatted(escaped));
  }

  private Map<String, Long> answeredPerKey() {
    return llm.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() == 200)
        .collect(Collectors.groupingBy(DocumentGenerationScenarios::key, Collectors.counting()));
  }

  private Map<String, Long> callsPerKey() {
    return llm.getAllServeEvents().stream()
        .collect(Collectors.groupingBy(DocumentGenerationScenarios::key, Collectors.counting()));
  }

  private static String key(ServeEvent event) {
    String key = event.getRequest().getHeader("Idempotency-Key");
    assertThat(key).as("every call carries an idempotency key").isNotBlank();
    return key;
  }

  private long count(long batch, String status) {
    return database.jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND status = :s")
        .param("b", batch).param("s", status).query(Long.class).single();
  }

  private List<Long> claimedRows(long batch) {
    return database.jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND status = 'CLAIMED' ORDER BY id")
        .param("b", batch).query(Long.class).list();
  }

  private List<String> claimedBy(long batch) {
    return database.jdbc.sql("SELECT claimed_by FROM document_row WHERE batch_id = :b AND status = 'CLAIMED'")
        .param("b", batch).query(String.class).list();
  }

  private List<Integer> attempts(List<Long> ids) {
    return database.jdbc.sql("SELECT attempts FROM document_row WHERE id IN (:ids)").param("ids", ids)
        .query(Integer.class).list();
  }

  /** The worker runs on its own threads: poll the database, failing after 30 s. */
}
