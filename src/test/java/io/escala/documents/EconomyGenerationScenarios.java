package io.escala.documents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An economy batch through {@link EconomyGeneration}, with WireMock answering as the OpenAI Files and Batches APIs do
 * (multipart upload with purpose {@code batch}, Batch objects with id / status / output_file_id / error_file_id /
 * request_counts, JSONL output lines with custom_id / response.status_code / response.body / error). Ticks are called
 * by the test and the clock is moved by hand, so every poll is a step of the test.
 */
abstract class EconomyGenerationScenarios {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Its language profiles take a while to load: one for the class. */
  private static final DocumentChecks CHECKS = new DocumentChecks();
  private static final String MODEL = "gpt-4o-mini";
  private static final int ROWS = 12;
  private static final Duration POLL = Duration.ofMinutes(1);
  private static final String INTRO = "Estimado cliente, gracias por elegir nuestros cursos de inteligencia artificial"
      + " para su equipo. Le acompañaremos durante todo el programa.";
  private static final String POINTS = "{\"puntos\":[\"Clases en vivo cada semana\",\"Tutoría personal\"]}";
  private static final String SCHEMA = """
      {"type":"object","required":["puntos"],"properties":{"puntos":{"type":"array","items":{"type":"string"},
       "minItems":2}}}""";

  abstract MigratedTestDatabase database();

  private MigratedTestDatabase database;
  private WireMockServer openAi;
  private MutableClock clock;
  private DocumentTemplates templates;
  private DocumentBatches batches;
  private BatchIntake intake;
  private DocumentRows rows;
  private EconomyRows economyRows;
  private final List<BatchGenerated> events = new CopyOnWriteArrayList<>();
  private final List<EconomyGeneration> nodes = new ArrayList<>();
  private final List<Long> started = new ArrayList<>();
  private DocumentsProperties properties;

  @BeforeEach
  void setUp() {
    database = database();
    clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    properties = DocumentsProperties.defaults();
    templates = new DocumentTemplates(database.jdbc, database.transactionManager, clock);
    batches = new DocumentBatches(database.jdbc, clock, event -> events.add((BatchGenerated) event), properties);
    intake = new BatchIntake(templates, batches, new JdbcTemplate(database.dataSource), database.transactionManager,
        clock, properties);
    rows = new DocumentRows(database.jdbc, database.transactionManager, clock);
    economyRows = new EconomyRows(database.jdbc, clock);
    openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    openAi.start();
    openAi.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(file("file-in-1"))));
    openAi.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(batch("batch_1", "validating", null, null))));
    openAi.stubFor(get(urlPathEqualTo("/v1/batches")).willReturn(okJson(
        "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}")));
    openAi.stubFor(post(urlEqualTo("/v1/batches/batch_1/cancel"))
        .willReturn(okJson(batch("batch_1", "cancelling", null, null))));
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(EconomyGeneration::close);
    // PostgreSQL's database is shared by the JVM's tests: no economy batch is left for another test's ticks
    if (!started.isEmpty()) {
      database.jdbc.sql("""
              UPDATE document_batch SET status = 'CANCELLED', economy_status = NULL, economy_batch = NULL,
                     economy_input_file = NULL, economy_owner = NULL, economy_lease_until = NULL
              WHERE id IN (:ids) AND status <> 'GENERATED'""").param("ids", started).update();
    }
    openAi.stop();
    database.close();
  }

  @Test
  void anEconomyBatchIsUploadedPolledAndCollectedIntoCheckedDocumentsAtHalfPrice() throws Exception {
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");
    assertThat(economyRows.candidates()).contains(batch);

    node.tick();

    assertThat(count(batch, "CLAIMED")).as("rows held by the submission").isEqualTo(ROWS);
    assertThat(economy(batch)).containsEntry("economy_input_file", "file-in-1")
        .containsEntry("economy_batch", "batch_1").containsEntry("economy_status", "validating");
    LoggedRequest upload = single(postRequestedFor(urlEqualTo("/v1/files")));
    assertThat(upload.getPart("purpose").getBody().asString()).isEqualTo("batch");
    assertThat(upload.getPart("file").getFileName()).endsWith(".jsonl");
    List<JsonNode> lines = uploadedLines(upload);
    assertThat(lines).hasSize(ROWS * 2);
    List<String> keys = database.jdbc.sql("SELECT idempotency_key FROM document_row WHERE batch_id = :b"
        + " ORDER BY line_number").param("b", batch).query(String.class).list();
    assertThat(lines).extracting(line -> line.path("custom_id").asText()).containsExactlyInAnyOrderElementsOf(
        keys.stream().flatMap(key -> java.util.stream.Stream.of(key + ":intro", key + ":puntos")).toList());
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.path("method").asText()).isEqualTo("POST");
      assertThat(line.path("url").asText()).isEqualTo("/v1/chat/completions");
      assertThat(line.path("body").path("model").asText()).isEqualTo(MODEL);
      assertThat(line.path("body").path("messages").get(1).path("content").asText()).contains("<data>Empresa ");
    });
    assertThat(lines).filteredOn(line -> line.path("custom_id").asText().endsWith(":intro"))
        .allSatisfy(line -> {
          assertThat(line.path("body").path("max_completion_tokens").asInt()).isEqualTo(300);
          assertThat(line.path("body").has("response_format")).isFalse();
        });
    assertThat(lines).filteredOn(line -> line.path("custom_id").asText().endsWith(":puntos"))
        .allSatisfy(line -> {
          assertThat(line.path("body").path("max_completion_tokens").asInt()).isEqualTo(200);
          assertThat(line.path("body").path("response_format").path("type").asText()).isEqualTo("json_schema");
        });
    JsonNode create = JSON.readTree(single(postRequestedFor(urlEqualTo("/v1/batches"))).getBodyAsString());
    assertThat(create.path("input_file_id").asText()).isEqualTo("file-in-1");
    assertThat(create.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
    assertThat(create.path("completion_window").asText()).isEqualTo("24h");
    assertThat(create.path("metadata").path("escala_batch").asText()).isEqualTo(Long.toString(batch));

    // not polled before the interval
    node.advance(batch);
    assertThat(openAi.findAll(getRequestedFor(urlEqualTo("/v1/batches/batch_1")))).isEmpty();

    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "in_progress", null,
        null))));
    clock.advance(POLL);
    node.advance(batch);
    assertThat(economy(batch)).containsEntry("economy_status", "in_progress");
    assertThat(count(batch, "CLAIMED")).isEqualTo(ROWS);

    completeWith(lines, line -> answer(line));
    clock.advance(POLL);
    node.advance(batch);

    DocumentBatch done = batches.find(batch).orElseThrow();
    assertThat(done.status()).isEqualTo(DocumentBatch.Status.GENERATED);
    assertThat(count(batch, "GENERATED")).isEqualTo(ROWS);
    assertThat(done.rowsGenerated()).isEqualTo(ROWS);
    assertThat(done.rowsFlagged()).isZero();
    assertThat(done.llmCalls()).isEqualTo(ROWS * 2);
    assertThat(done.promptTokens()).isEqualTo(ROWS * 2 * 120L);
    assertThat(done.costMicros()).as("half the list price")
        .isEqualTo(Math.round(ROWS * 2 * (120 * 0.15 + 60 * 0.60) * 0.5));
    assertThat(events).containsExactly(new BatchGenerated(batch));
    assertThat(economy(batch)).containsEntry("economy_status", null).containsEntry("economy_batch", null);
    String document = database.jdbc.sql("SELECT output FROM document_row WHERE batch_id = :b AND line_number = 4")
        .param("b", batch).query(String.class).single();
    assertThat(document).isEqualTo("# Para Cliente 3 de Empresa 3\n\n" + INTRO + "\n\n" + POINTS + "\n");
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND prompt_hash IS NOT NULL"
        + " AND checks_passed").param("b", batch).query(Long.class).single()).isEqualTo(ROWS);

    int requests = openAi.getAllServeEvents().size();
    clock.advance(POLL);
    node.advance(batch);
    assertThat(openAi.getAllServeEvents()).as("nothing more to ask").hasSize(requests);
    assertThat(events).hasSize(1);
    assertThat(economyRows.candidates()).doesNotContain(batch);
  }

  @Test
  void rowsAnsweredInTheCacheAreNotSent() throws Exception {
    long version = template();
    long batch = submit(version, ROWS);
    List<String> keys = database.jdbc.sql("SELECT idempotency_key FROM document_row WHERE batch_id = :b"
        + " ORDER BY line_number").param("b", batch).query(String.class).list();
    for (int i = 0; i < 5; i++) {
      rows.cache(keys.get(i) + ":intro", new DocumentModel.Answer(INTRO, MODEL, 120, 60));
      rows.cache(keys.get(i) + ":puntos", new DocumentModel.Answer(POINTS, MODEL, 120, 60));
    }
    rows.cache(keys.get(5) + ":intro", new DocumentModel.Answer(INTRO, MODEL, 120, 60));

    EconomyGeneration node = node("node-a");
    node.advance(batch);

    List<JsonNode> lines = uploadedLines(single(postRequestedFor(urlEqualTo("/v1/files"))));
    assertThat(lines).extracting(line -> line.path("custom_id").asText())
        .hasSize((ROWS - 5) * 2 - 1)
        .noneMatch(key -> keys.subList(0, 5).stream().anyMatch(key::startsWith))
        .doesNotContain(keys.get(5) + ":intro").contains(keys.get(5) + ":puntos");
    assertThat(count(batch, "GENERATED")).as("answered from the cache at once").isEqualTo(5);
    assertThat(count(batch, "CLAIMED")).isEqualTo(ROWS - 5);

    completeWith(lines, line -> answer(line));
    clock.advance(POLL);
    node.advance(batch);

    DocumentBatch done = batches.find(batch).orElseThrow();
    assertThat(done.status()).isEqualTo(DocumentBatch.Status.GENERATED);
    assertThat(done.rowsGenerated()).isEqualTo(ROWS);
    assertThat(done.llmCalls()).isEqualTo(lines.size());
    assertThat(done.cachedCalls()).isEqualTo(11);
    assertThat(events).containsExactly(new BatchGenerated(batch));
  }

  @Test
  void aFileUploadedWhoseBatchWasNotCreatedIsCreatedOnTheNextTickWithoutASecondUpload() {
    openAi.stubFor(post(urlEqualTo("/v1/batches")).atPriority(1).inScenario("create")
        .whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
        .willSetStateTo("recovered"));
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");

    node.advance(batch);
    assertThat(economy(batch)).containsEntry("economy_input_file", "file-in-1")
        .containsEntry("economy_batch", null).containsEntry("economy_status", "CREATING");

    node.advance(batch);
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches")))).as("waits for the interval").hasSize(1);

    clock.advance(POLL);
    node.advance(batch);

    assertThat(economy(batch)).containsEntry("economy_batch", "batch_1").containsEntry("economy_status", "validating");
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/files")))).as("one upload").hasSize(1);
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches")))).hasSize(2);
    assertThat(openAi.findAll(getRequestedFor(urlPathEqualTo("/v1/batches"))))
        .as("looked for a batch the failed call might have made").hasSize(1);
    assertThat(count(batch, "CLAIMED")).isEqualTo(ROWS);
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundByItsInputFileAndNotMadeTwice() {
    openAi.stubFor(post(urlEqualTo("/v1/batches")).atPriority(1)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");
    node.advance(batch);
    assertThat(economy(batch)).containsEntry("economy_status", "CREATING");

    // the API made the batch all the same: the account's list shows it
    openAi.stubFor(get(urlPathEqualTo("/v1/batches")).willReturn(okJson("{\"object\":\"list\",\"data\":["
        + batch("batch_other", "completed", null, null).replace("file-in-1", "file-in-0") + ","
        + batch("batch_1", "in_progress", null, null) + "],\"first_id\":\"batch_other\",\"last_id\":\"batch_1\","
        + "\"has_more\":false}")));
    clock.advance(POLL);
    node.advance(batch);

    assertThat(economy(batch)).containsEntry("economy_batch", "batch_1").containsEntry("economy_status", "in_progress");
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches")))).as("no second create").hasSize(1);
  }

  @Test
  void anErrorLineFailsItsRowWithTheReasonAndAnExpiredRequestIsSentOnceMore() throws Exception {
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");
    node.advance(batch);
    List<JsonNode> lines = uploadedLines(single(postRequestedFor(urlEqualTo("/v1/files"))));
    String rejectedKey = key(batch, 4) + ":intro";
    String expiredKey = key(batch, 7) + ":puntos";

    completeWith(lines, line -> {
      String id = line.path("custom_id").asText();
      if (id.equals(rejectedKey)) {
        return errorLine(id, 400, "Invalid 'max_completion_tokens': too large for this model.");
      }
      if (id.equals(expiredKey)) {
        return "{\"id\":\"batch_req_x\",\"custom_id\":\"" + id + "\",\"response\":null,"
            + "\"error\":{\"code\":\"batch_expired\",\"message\":\"This request could not be executed before the"
            + " completion window expired.\"}}";
      }
      return answer(line);
    });
    clock.advance(POLL);
    node.advance(batch);

    assertThat(database.jdbc.sql("SELECT status, error FROM document_row WHERE batch_id = :b AND line_number = 4")
        .param("b", batch).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
        .isEqualTo("FAILED OpenAI Batch API: HTTP 400: Invalid 'max_completion_tokens': too large for this model.");
    assertThat(database.jdbc.sql("SELECT status FROM document_row WHERE batch_id = :b AND line_number = 7")
        .param("b", batch).query(String.class).single()).as("sent again").isEqualTo("PENDING");
    assertThat(count(batch, "GENERATED")).isEqualTo(ROWS - 2);
    assertThat(events).isEmpty();

    // the next submission holds the one request without an answer, in a file of its own
    openAi.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(file("file-in-2"))));
    openAi.stubFor(post(urlEqualTo("/v1/batches")).willReturn(okJson(batch("batch_2", "validating", null, null)
        .replace("file-in-1", "file-in-2"))));
    node.advance(batch);
    List<LoggedRequest> uploads = openAi.findAll(postRequestedFor(urlEqualTo("/v1/files")));
    assertThat(uploads).hasSize(2);
    List<JsonNode> second = uploadedLines(uploads.get(1));
    assertThat(second).extracting(line -> line.path("custom_id").asText()).containsExactly(expiredKey);
    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_2")).willReturn(okJson(batch("batch_2", "completed",
        "file-out-2", null))));
    openAi.stubFor(get(urlEqualTo("/v1/files/file-out-2/content")).willReturn(aResponse().withStatus(200)
        .withBody(answer(second.get(0)) + "\n")));
    clock.advance(POLL);
    node.advance(batch);

    DocumentBatch done = batches.find(batch).orElseThrow();
    assertThat(done.status()).isEqualTo(DocumentBatch.Status.GENERATED);
    assertThat(done.rowsGenerated()).isEqualTo(ROWS - 1);
    assertThat(done.rowsFailed()).isEqualTo(1);
    assertThat(events).containsExactly(new BatchGenerated(batch));
  }

  @Test
  void aPausedBatchCancelsItsOpenAiBatchKeepsWhatWasAnsweredAndSendsTheRestWhenResumed() throws Exception {
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");
    node.advance(batch);
    List<JsonNode> lines = uploadedLines(single(postRequestedFor(urlEqualTo("/v1/files"))));
    assertThat(batches.pause(batch)).isTrue();
    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "in_progress", null,
        null))));
    clock.advance(POLL);
    node.advance(batch);
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches/batch_1/cancel")))).hasSize(1);

    // cancelled with the first half answered
    List<JsonNode> half = lines.subList(0, lines.size() / 2);
    completeWith(half, line -> answer(line));
    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "cancelled",
        "file-out-1", null))));
    clock.advance(POLL);
    node.advance(batch);
    long generated = count(batch, "GENERATED");
    assertThat(generated).isPositive();
    assertThat(count(batch, "PENDING")).isEqualTo(ROWS - generated);
    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.PAUSED);

    assertThat(batches.resume(batch)).isTrue();
    openAi.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(file("file-in-2"))));
    node.advance(batch);
    List<LoggedRequest> uploads = openAi.findAll(postRequestedFor(urlEqualTo("/v1/files")));
    assertThat(uploads).hasSize(2);
    assertThat(uploadedLines(uploads.get(1))).extracting(line -> line.path("custom_id").asText())
        .as("only what the cancelled batch left unanswered")
        .hasSize(lines.size() - half.size())
        .doesNotContainAnyElementsOf(half.stream().map(line -> line.path("custom_id").asText()).toList());
  }

  @Test
  void aCancelledBatchCancelsItsOpenAiBatchAndItsRowsEndCancelled() {
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a");
    node.advance(batch);
    assertThat(batches.cancel(batch, "ana")).isTrue();
    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "in_progress", null,
        null))));
    clock.advance(POLL);
    node.advance(batch);

    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches/batch_1/cancel")))).hasSize(1);
    assertThat(count(batch, "CANCELLED")).isEqualTo(ROWS);

    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "cancelled", null,
        null))));
    clock.advance(POLL);
    node.advance(batch);
    assertThat(economy(batch)).containsEntry("economy_status", null);
    assertThat(events).isEmpty();
  }

  @Test
  void twoNodesTickingAtOnceCreateOneOpenAiBatch() throws Exception {
    openAi.stubFor(post(urlEqualTo("/v1/files")).willReturn(okJson(file("file-in-1")).withFixedDelay(300)));
    long batch = submit(template(), ROWS);
    EconomyGeneration a = node("node-a");
    EconomyGeneration b = node("node-b");
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    for (EconomyGeneration node : List.of(a, b)) {
      threads.execute(() -> {
        try {
          go.await();
          for (int i = 0; i < 5; i++) {
            node.tick();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    go.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/files")))).hasSize(1);
    assertThat(openAi.findAll(postRequestedFor(urlEqualTo("/v1/batches")))).hasSize(1);
    assertThat(economy(batch)).containsEntry("economy_batch", "batch_1").containsEntry("economy_owner", null);
    assertThat(uploadedLines(single(postRequestedFor(urlEqualTo("/v1/files"))))).hasSize(ROWS * 2);
  }

  @Test
  void rowsBeyondWhatOneFileTakesGoInTheNextSubmission() throws Exception {
    long batch = submit(template(), ROWS);
    EconomyGeneration node = node("node-a", 10);
    List<Integer> sizes = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      node.advance(batch);
      List<LoggedRequest> uploads = openAi.findAll(postRequestedFor(urlEqualTo("/v1/files")));
      assertThat(uploads).hasSize(round);
      List<JsonNode> lines = uploadedLines(uploads.get(round - 1));
      sizes.add(lines.size());
      assertThat(count(batch, "CLAIMED")).as("only the rows in the file are held").isEqualTo(lines.size() / 2);
      completeWith(lines, line -> answer(line));
      clock.advance(POLL);
      node.advance(batch);
    }
    assertThat(sizes).containsExactly(10, 10, 4);
    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.GENERATED);
    assertThat(count(batch, "GENERATED")).isEqualTo(ROWS);
    assertThat(events).containsExactly(new BatchGenerated(batch));
  }

  // --- the API's shapes ---------------------------------------------------------------------------------------------

  private static String file(String id) {
    return """
        {"id":"%s","object":"file","bytes":1200,"created_at":1764417600,"filename":"batch.jsonl",
         "purpose":"batch","status":"processed"}""".formatted(id);
  }

  private static String batch(String id, String status, String outputFile, String errorFile) {
    return """
        {"id":"%s","object":"batch","endpoint":"/v1/chat/completions","errors":null,"input_file_id":"file-in-1",
         "completion_window":"24h","status":"%s","output_file_id":%s,"error_file_id":%s,"created_at":1764417600,
         "in_progress_at":null,"expires_at":1764504000,"completed_at":null,"failed_at":null,"expired_at":null,
         "request_counts":{"total":24,"completed":0,"failed":0},"metadata":{"escala_batch":"1"}}"""
        .formatted(id, status, outputFile == null ? "null" : "\"" + outputFile + "\"",
            errorFile == null ? "null" : "\"" + errorFile + "\"");
  }

  /** The output line of a request answered with the test's text for its section. */
  private static String answer(JsonNode request) {
    String id = request.path("custom_id").asText();
    String content = id.endsWith(":puntos") ? POINTS : INTRO;
    try {
      return "{\"id\":\"batch_req_" + UUID.randomUUID() + "\",\"custom_id\":\"" + id + "\",\"response\":"
          + "{\"status_code\":200,\"request_id\":\"req_1\",\"body\":{\"id\":\"chatcmpl-1\",\"object\":"
          + "\"chat.completion\",\"created\":1764417600,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":" + JSON.writeValueAsString(content) + ",\"refusal\":null},"
          + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":60,"
          + "\"total_tokens\":180}}},\"error\":null}";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String errorLine(String id, int status, String message) {
    return "{\"id\":\"batch_req_e\",\"custom_id\":\"" + id + "\",\"response\":{\"status_code\":" + status
        + ",\"request_id\":\"req_e\",\"body\":{\"error\":{\"message\":\"" + message + "\",\"type\":"
        + "\"invalid_request_error\",\"param\":null,\"code\":null}}},\"error\":null}";
  }

  /**
   * The batch completes: output lines for the requests {@code answer} answers with 200, the others in the error
   * file, as the API splits them.
   */
  private void completeWith(List<JsonNode> requests, Function<JsonNode, String> answer) {
    List<String> output = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode request : requests) {
      String line = answer.apply(request);
      (line.contains("\"status_code\":200") ? output : errors).add(line);
    }
    openAi.stubFor(get(urlEqualTo("/v1/batches/batch_1")).willReturn(okJson(batch("batch_1", "completed",
        "file-out-1", errors.isEmpty() ? null : "file-err-1"))));
    openAi.stubFor(get(urlEqualTo("/v1/files/file-out-1/content")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/octet-stream").withBody(String.join("\n", output) + "\n")));
    openAi.stubFor(get(urlEqualTo("/v1/files/file-err-1/content")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/octet-stream").withBody(String.join("\n", errors) + "\n")));
  }

  private List<JsonNode> uploadedLines(LoggedRequest upload) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : upload.getPart("file").getBody().asString().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private LoggedRequest single(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
    List<LoggedRequest> found = openAi.findAll(pattern);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  // --- the module -------------------------------------------------------------------------------------------------

  private EconomyGeneration node(String name) {
    return node(name, 50_000);
  }

  private EconomyGeneration node(String name, int maxRequestsPerFile) {
    EconomyProperties economy = new EconomyProperties(true, Duration.ofSeconds(1), POLL, Duration.ofMinutes(15),
        Duration.ofSeconds(10), 0.5, maxRequestsPerFile, 150_000_000L, 2);
    EconomyGeneration node = new EconomyGeneration(economyRows, rows, batches, templates, CHECKS,
        new OpenAiBatchApi(openAi.baseUrl() + "/v1", "sk-test", economy.httpTimeout()), economy, clock, name, false);
    nodes.add(node);
    return node;
  }

  private long template() {
    return templates.save("economia-" + UUID.randomUUID(), "Economía",
        "# Para {{nombre}} de {{empresa}}\n\n{{llm:intro}}\n\n{{llm:puntos}}\n", TemplateVersion.BodyFormat.MARKDOWN,
        List.of(new TemplateSection("intro", "Escribe la introducción de una carta para {{nombre}} de {{empresa}}.",
                300, 60, 600, "es", List.of("cursos"), List.of("garantizado"), null),
            new TemplateSection("puntos", "Lista dos ventajas del curso para {{empresa}}.", 200, null, null, null,
                List.of(), List.of(), SCHEMA)),
        "ana").id();
  }

  private long submit(long version, int count) {
    String csv = "nombre;empresa\n" + IntStream.rangeClosed(1, count)
        .mapToObj(i -> "Cliente " + i + ";Empresa " + i).collect(Collectors.joining("\n")) + "\n";
    BatchIntake.IntakeReport report = intake.csv(version, MODEL, "ana",
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Map.of());
    batches.describe(report.batchId(), new DocumentBatch.Requester("Ana", "ana@example.com", Locale.forLanguageTag("es")),
        DocumentBatch.Mode.ECONOMY);
    batches.start(report.batchId());
    started.add(report.batchId());
    return report.batchId();
  }

  private String key(long batch, int line) {
    return database.jdbc.sql("SELECT idempotency_key FROM document_row WHERE batch_id = :b AND line_number = :l")
        .param("b", batch).param("l", line).query(String.class).single();
  }

  private long count(long batch, String status) {
    return database.jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND status = :s")
        .param("b", batch).param("s", status).query(Long.class).single();
  }

  private Map<String, Object> economy(long batch) {
    return database.jdbc.sql("""
            SELECT economy_input_file, economy_batch, economy_status, economy_owner FROM document_batch
            WHERE id = :b""")
        .param("b", batch).query((rs, n) -> {
          Map<String, Object> values = new java.util.HashMap<>();
          values.put("economy_input_file", rs.getString(1));
          values.put("economy_batch", rs.getString(2));
          values.put("economy_status", rs.getString(3));
          values.put("economy_owner", rs.getString(4));
          return values;
        }).single();
  }
}
