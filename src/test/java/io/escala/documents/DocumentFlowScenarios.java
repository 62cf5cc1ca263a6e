package io.escala.documents;

import static io.escala.support.Eventually.waitUntil;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.Mails;
import io.escala.support.TestOpenAi;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole bulk-document flow in the running application, with the real diagram, worker (against the LLM stub),
 * review service, delivery and mail server: a batch generated, sampled, approved and downloaded from the link in the
 * requester's e-mail; a sample with too many rejections regenerated with the reviewers' comment and approved in the
 * second round; a stuck batch that the document team cancels from Tasklist.
 */
abstract class DocumentFlowScenarios extends EscalaIntegrationTest {

  private static final String GREETING = "Te damos la bienvenida a la academia: en estas semanas vas a aprender con"
      + " docentes de toda la región y a practicar en cada clase.";
  private static final String WITH_CITY = "Te damos la bienvenida desde Quito: en estas semanas vas a aprender con"
      + " docentes de toda la región y a practicar en cada clase.";
  private static final String COMMENT = "Menciona la ciudad de la persona en la primera frase.";

  @Autowired DocumentTemplates templates;
  @Autowired BatchIntake intake;
  @Autowired DocumentBatches batches;
  @Autowired DocumentRows rows;
  @Autowired DocumentsProperties properties;
  @Autowired SampleReview review;
  @Autowired BatchFlow flow;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  private OpenAiDocumentModel model;
  private GenerationWorker worker;
  private String requester;

  @BeforeEach
  void theLlmWelcomes() {
    requester = "compras-" + UUID.randomUUID().toString().substring(0, 8) + "@academia.example";
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2)
        .withRequestBody(containing("bienvenida de la academia"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(GREETING))));
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("reviewer_notes"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(WITH_CITY))));
    model = new OpenAiDocumentModel(TestOpenAi.baseUrl(), "sk-test", Duration.ofSeconds(5), 4, clock);
  }

  @AfterEach
  void stopWorker() {
    if (worker != null) {
      worker.stop();
    }
    model.close();
  }

  @Test
  void aBatchIsGeneratedSampledApprovedAndDownloadedFromTheRequestersEmail() throws Exception {
    long batch = received(12);
    assertThat(subjects()).containsExactly("Recibimos tu lote n.º " + batch + ": Bienvenida a la academia");
    generate(batch);

    Task task = reviewTask(batch);
    assertThat(task.getName()).startsWith("Review sample: #" + batch + " bienvenida-").endsWith(" v1 · Lucía Rojas (12)");
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("reviewers"));
    SampleReview.Progress sample = review.progress(batch);
    assertThat(sample.total()).as("at least 10 of 12").isEqualTo(10);
    decideAll(batch, 0, 0);
    assertThat(flow.finishReview(batch, StaffDirectory.demoUserId("reviewers"))).isTrue();
    runDueJobs();

    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.DELIVERED);
    MimeMessage delivered = Mails.to(requester).get(1);
    assertThat(Mails.subject(delivered)).isEqualTo("Tus documentos están listos: lote n.º " + batch);
    assertThat(Mails.text(delivered)).contains("Hay 12 documentos listos para descargar");
    String link = Mails.link(delivered, "/documents/download/");
    assertThat(http.get(link, "es").statusCode()).isEqualTo(200);
    Map<String, byte[]> zip = unzip(link + "/documents.zip");
    assertThat(zip.keySet().stream().filter(name -> name.endsWith(".pdf"))).hasSize(12);
    assertThat(new String(zip.get("results.csv"), StandardCharsets.UTF_8).lines().count())
        .as("a header and one line per input row").isEqualTo(13);

    long firstRow = jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND line_number = 2")
        .param("b", batch).query(Long.class).single();
    assertThat(new DocumentAudit(jdbc, clock).trail(batch, firstRow)).extracting(DocumentAudit.Entry::event)
        .contains(DocumentAudit.Event.APPROVED, DocumentAudit.Event.DELIVERED);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(BatchFlow.PROCESS)
        .processInstanceBusinessKey(String.valueOf(batch)).singleResult().getEndActivityId()).isEqualTo("Delivered");
  }

  @Test
  void aSampleWithTooManyRejectionsIsRegeneratedWithTheCommentAndApprovedInTheSecondRound() {
    long batch = received(12);
    generate(batch);
    reviewTask(batch);
    decideAll(batch, 0, 3);
    flow.finishReview(batch, StaffDirectory.demoUserId("reviewers"));
    runDueJobs();

    // the three rejected rows go back to the LLM with the comment, and only they are sampled in round 2
    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED
        && batches.find(batch).orElseThrow().reviewRound() == 1, "regenerated");
    assertThat(TestOpenAi.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(containing("<reviewer_notes>" + COMMENT + "</reviewer_notes>")))).hasSize(3);
    reviewTask(batch);
    assertThat(review.progress(batch).total()).isEqualTo(3);
    decideAll(batch, 1, 0);
    flow.finishReview(batch, StaffDirectory.demoUserId("reviewers"));
    runDueJobs();

    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.DELIVERED);
    assertThat(subjects()).containsExactly("Recibimos tu lote n.º " + batch + ": Bienvenida a la academia",
        "Tus documentos están listos: lote n.º " + batch);
    List<String> outputs = jdbc.sql("SELECT output FROM document_row WHERE batch_id = :b AND review_round = 1")
        .param("b", batch).query(String.class).list();
    assertThat(outputs).hasSize(3).allSatisfy(output -> assertThat(output).contains("desde Quito"));
  }

  @Test
  void aStuckBatchGoesToTheDocumentTeamWhoCancelItAndTheRequesterIsTold() {
    long batch = received(3);
    // no worker runs: the batch stays RUNNING until the stuck timer fires
    moveClock(Duration.ofHours(2).plusMinutes(1));
    runDueJobs();
    Task stuck = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(batch))
        .taskDefinitionKey("LookIntoStuckBatch").singleResult();
    assertThat(stuck).isNotNull();
    assertThat(tasks.getIdentityLinksForTask(stuck.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("documents"));
    tasks.complete(stuck.getId(), Map.of("stuckDecision", "CANCEL", "stuckNote", "El proveedor no responde"));
    runDueJobs();

    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.CANCELLED);
    assertThat(jdbc.sql("SELECT DISTINCT status FROM document_row WHERE batch_id = :b").param("b", batch)
        .query(String.class).list()).containsExactly("CANCELLED");
    assertThat(subjects()).containsExactly("Recibimos tu lote n.º " + batch + ": Bienvenida a la academia",
        "Cancelamos tu lote n.º " + batch);
  }

  /** A CSV of {@code count} people received and started: the start e-mail goes out. */
  private long received(int count) {
    TemplateVersion version = templates.save("bienvenida-" + UUID.randomUUID().toString().substring(0, 8),
        "Bienvenida a la academia", "<h1>Hola, {{nombre}}</h1><p>{{llm:saludo}}</p>", TemplateVersion.BodyFormat.HTML,
        List.of(new TemplateSection("saludo", "Escribe la bienvenida de la academia para {{nombre}}, de {{ciudad}}.",
            200, 60, 1000, "es", List.of(), List.of("garantizado"), null)), "ana");
    String csv = "nombre;ciudad\n" + IntStream.rangeClosed(1, count)
        .mapToObj(i -> "Persona " + i + ";Quito").collect(Collectors.joining("\n")) + "\n";
    long batch = intake.csv(version.id(), "gpt-4o-mini", StaffDirectory.demoUserId("documents"),
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Map.of()).batchId();
    DocumentBatch.Requester lucia = new DocumentBatch.Requester("Lucía Rojas", requester, Locale.forLanguageTag("es"));
    flow.start(batch, lucia, DocumentBatch.Mode.STANDARD);
    flow.start(batch, lucia, DocumentBatch.Mode.STANDARD);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(BatchFlow.PROCESS)
        .processInstanceBusinessKey(String.valueOf(batch)).count()).as("started once").isOne();
    runDueJobs();
    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.RUNNING);
    return batch;
  }

  private void generate(long batch) {
    worker = new GenerationWorker(rows, batches, templates, new DocumentChecks(), model, properties, clock,
        "flow-it", false);
    worker.start();
    waitUntil(() -> batches.find(batch).orElseThrow().status() == DocumentBatch.Status.GENERATED, "generated");
  }

  /** BatchGenerated reaches the case on the worker's thread; the sample is drawn by a job. */
  private Task reviewTask(long batch) {
    waitUntil(() -> {
      runDueJobs();
      return flow.reviewTaskId(batch).isPresent();
    }, "the reviewers' task");
    return tasks.createTaskQuery().taskId(flow.reviewTaskId(batch).orElseThrow()).singleResult();
  }

  /** Approves the round's sample but for its first {@code rejections} documents, rejected with the comment. */
  private void decideAll(long batch, int round, int rejections) {
    int total = review.progress(batch).total();
    for (int position = 1; position <= total; position++) {
      boolean reject = position <= rejections;
      review.decide(batch, round, position, reject ? SampleReview.Decision.REJECTED : SampleReview.Decision.APPROVED,
          reject ? COMMENT : null, StaffDirectory.demoUserId("reviewers"));
    }
  }

  private List<String> subjects() {
    return Mails.to(requester).stream().map(Mails::subject).toList();
  }

  private static Map<String, byte[]> unzip(String url) throws Exception {
    HttpResponse<InputStream> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(response.body())) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }
}
