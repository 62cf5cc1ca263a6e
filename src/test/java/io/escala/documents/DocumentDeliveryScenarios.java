package io.escala.documents;

import static io.escala.support.Eventually.waitUntil;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.TestOpenAi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An approved batch reaches its requester: a small CSV through the intake and the real worker (WireMock as the LLM),
 * one document rejected by a reviewer, approval, then the signed link over HTTP: the page in the requester's
 * language, the ZIP (one PDF and one DOCX per delivered document, results.csv with every input row), the CSV alone,
 * the expired and the forged link, and the document team's audit page.
 */
abstract class DocumentDeliveryScenarios extends EscalaIntegrationTest {

  private static final String GREETING = "Te damos la bienvenida a nuestros cursos: acompañamos tu formación con"
      + " atención y dedicación.";

  @Autowired DocumentTemplates templates;
  @Autowired BatchIntake intake;
  @Autowired DocumentRows rows;
  @Autowired DocumentPackages packages;
  @Autowired DocumentsProperties properties;
  @Autowired DeliveryProperties delivery;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  private OpenAiDocumentModel model;
  private GenerationWorker worker;
  private String templateKey;

  @BeforeEach
  void theLlmGreets() {
    ClockUtil.reset();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
        .withRequestBody(containing("Escribe un saludo breve"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(GREETING))));
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
  void anApprovedBatchIsDownloadedAsAZipOfPdfsAndDocxWithItsResults() throws IOException {
    long batch = generatedBatch();
    long rejected = rowId(batch, 3);
    jdbc.sql("""
            INSERT INTO document_review (batch_id, review_round, position, row_id, flagged, decision, review_comment,
                reviewer, decided_at)
            VALUES (:b, 0, 1, :row, FALSE, 'REJECTED', '=Falta la firma', 'rita', CURRENT_TIMESTAMP)""")
        .param("b", batch).param("row", rejected).update();

    assertThat(packages.approve(batch, "rita")).isTrue();
    assertThat(packages.approve(batch, "rita")).as("a retried approval").isFalse();
    assertThat(status(batch)).isEqualTo("APPROVED");
    assertThat(auditCount(batch, "APPROVED")).as("one APPROVED line per delivered document").isEqualTo(3);

    String link = packages.downloadLink(batch).toString();
    assertThat(link).startsWith("http://localhost:" + port + "/documents/download/");

    HttpResponse<String> page = http.get(link, "es");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).as("in the requester's language").contains("Seus documentos estão prontos",
        "Olá, Lucía!", "Cartas de bienvenida, lote " + batch, "3 documentos de 5 linhas do seu arquivo",
        "PDF e Word (DOCX)", "documents.zip", "results.csv");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(http.get(link + "?lang=en", "es").body()).contains("Your documents are ready");

    Map<String, byte[]> zip = unzip(link + "/documents.zip");
    assertThat(zip.keySet()).containsExactly("000002.pdf", "000002.docx", "000004.pdf", "000004.docx",
        "000006.pdf", "000006.docx", "results.csv");
    assertThat(pdfText(zip.get("000002.pdf"))).contains("Carta para João Conceição", "Ciudad: São Paulo",
        "acompañamos tu formación con atención y dedicación.");
    assertThat(pdfText(zip.get("000004.pdf"))).contains("Carta para François Lefèvre", "Montréal");
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(zip.get("000006.docx")));
        XWPFWordExtractor text = new XWPFWordExtractor(docx)) {
      assertThat(text.getText()).contains("Carta para =1+2", "Ciudad: Lima");
    }

    List<CSVRecord> results = csv(zip.get("results.csv"));
    assertThat(results).extracting(record -> record.get(0)).containsExactly("linha", "2", "3", "4", "5", "6");
    assertThat(results.get(1).values()).containsExactly("2", "entregue", "", "000002.pdf 000002.docx", "");
    assertThat(results.get(2).values()).containsExactly("3", "reprovado na revisão", "'=Falta la firma", "", "");
    assertThat(results.get(4).get(1)).isEqualTo("recusada no envio");
    assertThat(results.get(4).get(2)).as("in the requester's language").startsWith("faltam colunas");

    HttpResponse<byte[]> alone = download(link + "/results.csv");
    assertThat(alone.statusCode()).isEqualTo(200);
    assertThat(alone.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("text/csv"));
    assertThat(csv(alone.body())).hasSize(6);
    assertThat(auditCount(batch, "DOWNLOADED")).isEqualTo(2);

    // every ZIP place of this node taken: the next one is asked to come back, and nothing is recorded
    List<DocumentPackages.DownloadSlot> taken = new java.util.ArrayList<>();
    for (int i = 0; i < delivery.maxConcurrentDownloads(); i++) {
      taken.add(packages.downloadSlot().orElseThrow());
    }
    try {
      HttpResponse<String> busy = http.get(link + "/documents.zip", "es");
      assertThat(busy.statusCode()).isEqualTo(429);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(busy.body()).contains("Many downloads are under way");
    } finally {
      taken.forEach(DocumentPackages.DownloadSlot::close);
    }
    assertThat(auditCount(batch, "DOWNLOADED")).isEqualTo(2);

    assertThat(packages.delivered(batch)).isTrue();
    assertThat(status(batch)).isEqualTo("DELIVERED");
    assertThat(auditCount(batch, "DELIVERED")).isEqualTo(3);
    assertThat(http.get(link, "es").statusCode()).as("still downloadable once delivered").isEqualTo(200);

    // the link runs out after escala.documents.delivery.link-validity (14 days)
    moveClock(Duration.ofDays(15));
    http = new EscalaHttpClient("http://localhost:" + port); // without the language chosen above
    HttpResponse<String> expired = http.get(link, "en");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("Este link de download expirou").doesNotContain("Exception");
    assertThat(download(link + "/documents.zip").statusCode()).isEqualTo(410);

    HttpResponse<String> forged = new EscalaHttpClient("http://localhost:" + port).get("/documents/download/" + link.substring(link.lastIndexOf('/') + 1)
        .replaceFirst("\\.", ".x"), "en");
    assertThat(forged.statusCode()).isEqualTo(404);
    assertThat(forged.body()).contains("This download link is not valid").doesNotContain("Exception");
    assertThat(new EscalaHttpClient("http://localhost:" + port).get("/documents/download/nonsense/results.csv", "es")
        .body())
        .contains("Este enlace de descarga no es válido");
  }

  @Test
  void theDocumentTeamSeesADocumentsAuditTrail() {
    long batch = generatedBatch();
    long rejected = rowId(batch, 3);
    jdbc.sql("""
            INSERT INTO document_review (batch_id, review_round, position, row_id, flagged, decision, review_comment,
                reviewer, decided_at)
            VALUES (:b, 0, 1, :row, FALSE, 'REJECTED', 'Falta la firma del director', 'rita', CURRENT_TIMESTAMP)""")
        .param("b", batch).param("row", rejected).update();
    packages.approve(batch, "rita");
    packages.downloaded(batch, "documents.zip");
    long delivered = rowId(batch, 2);
    String promptHash = jdbc.sql("SELECT prompt_hash FROM document_row WHERE id = :id").param("id", delivered)
        .query(String.class).single();

    assertThat(http.get("/staff/documents/audit/" + delivered).statusCode()).as("anonymous").isEqualTo(302);
    EscalaHttpClient staff = staffOf("documents");
    HttpResponse<String> audit = staff.get("/staff/documents/audit/" + delivered, "es");
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).contains("Documento de la fila 2, lote " + batch, templateKey, "versión 1",
        "gpt-4o-mini", promptHash, "Superó todos los controles.", "No entró en ninguna muestra de revisión.",
        "Aprobado", "rita", "Descargado", "(todo el lote)", "000002.pdf");

    HttpResponse<String> reviewed = staff.get("/staff/documents/audit/" + rejected, "pt-BR");
    assertThat(reviewed.body()).contains("Documento da linha 3", "Reprovado", "Falta la firma del director",
        "No pacote do solicitante").doesNotContain("Aprovado");

    assertThat(staff.get("/staff/documents/audit/" + delivered + "/document.pdf", "es").statusCode())
        .isEqualTo(200);
    assertThat(staff.get("/staff/documents/audit/999999999", "es").statusCode()).isEqualTo(404);
  }

  /** Five input rows: four accepted (line 6's name is a formula), one refused; generated by the real worker. */
  private long generatedBatch() {
    templateKey = "cartas-" + UUID.randomUUID().toString().substring(0, 8);
    TemplateVersion version = templates.save(templateKey, "Cartas de bienvenida",
        "# Carta para {{nombre}}\n\nCiudad: {{ciudad}}\n\n{{llm:saludo}}\n", TemplateVersion.BodyFormat.MARKDOWN,
        List.of(TemplateSection.text("saludo", "Escribe un saludo breve para {{nombre}} de {{ciudad}}.", 200)),
        "ana");
    jdbc.sql("UPDATE document_template_version SET docx = TRUE WHERE id = :v").param("v", version.id()).update();
    String csv = "nombre;ciudad\nJoão Conceição;São Paulo\nMaría Muñoz;Bogotá\nFrançois Lefèvre;Montréal\n"
        + "solo-un-campo\n=1+2;Lima\n";
    BatchIntake.IntakeReport report = intake.csv(version.id(), "gpt-4o-mini", "ana",
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Map.of());
    assertThat(report.accepted()).isEqualTo(4);
    assertThat(report.rejected()).isEqualTo(1);
    // the batch's own DocumentBatches, so no process hears of it: this test is about delivery, not the flow
    DocumentBatches batches = new DocumentBatches(jdbc, clock, event -> { }, properties);
    batches.describe(report.batchId(), new DocumentBatch.Requester("Lucía", "lucia@example.com",
        Locale.forLanguageTag("pt-BR")), DocumentBatch.Mode.STANDARD);
    batches.start(report.batchId());
    worker = new GenerationWorker(rows, batches, templates, new DocumentChecks(), model, properties, clock,
        "delivery-it", false);
    worker.start();
    waitUntil(() -> "GENERATED".equals(status(report.batchId())), "batch generated");
    worker.stop();
    return report.batchId();
  }

  private String status(long batch) {
    return jdbc.sql("SELECT status FROM document_batch WHERE id = :id").param("id", batch).query(String.class)
        .single();
  }

  private long rowId(long batch, int line) {
    return jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND line_number = :l").param("b", batch)
        .param("l", line).query(Long.class).single();
  }

  private int auditCount(long batch, String event) {
    return jdbc.sql("SELECT COUNT(*) FROM document_audit WHERE batch_id = :b AND event = :e").param("b", batch)
        .param("e", event).query(Integer.class).single();
  }

  private EscalaHttpClient staffOf(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    HttpResponse<String> login = client.postForm("/login", Map.of("username", StaffDirectory.demoUserId(group),
        "password", demoStaffPassword(group)), client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  private static HttpResponse<byte[]> download(String url) {
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The ZIP read as it streams in, entries in their order. */
  private static Map<String, byte[]> unzip(String url) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(response.headers().firstValue("Content-Length")).as("streamed, not buffered").isEmpty();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(response.body())) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        entries.put(entry.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  private static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  private static List<CSVRecord> csv(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(new StringReader(text.substring(1)))
        .getRecords();
  }
}
