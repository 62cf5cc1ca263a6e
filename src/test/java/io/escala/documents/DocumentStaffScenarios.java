package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The document team's pages and the batches REST API through the running application: templates (a new version on
 * every save, the preview naming an unknown variable), a CSV upload with a bad row (progress, error report), a refused
 * file, pause / resume / cancel, and the API's 201 / 400 / 401 / 403 / 413. The generation worker is off: rows are
 * finished here as the worker would finish them. The process is the lead's; its start and cancel are stood in for by
 * what they do to the tables.
 */
abstract class DocumentStaffScenarios extends EscalaIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired DocumentBatches batches;
  @Autowired DocumentTemplates templates;
  @Autowired JdbcClient jdbc;

  StaffSession staff;
  String key;
  TemplateVersion version;

  @BeforeEach
  void signedInWithATemplate() {
    staff = StaffSession.signIn(port, StaffDirectory.demoUserId("documents"), demoStaffPassword("documents"));
    key = "carta-" + UUID.randomUUID().toString().substring(0, 8);
    version = templates.save(key, "Carta de bienvenida", "<h1>Hola {{nombre}} de {{empresa}}</h1>{{llm:intro}}",
        TemplateVersion.BodyFormat.HTML, List.of(TemplateSection.text("intro", "Escribe una bienvenida para"
            + " {{nombre}}", 300)), "ana");
  }

  @Test
  void aTemplateIsCreatedEditedIntoANewVersionAndItsPreviewNamesAnUnknownVariable() {
    String newKey = "oferta-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> form = staff.get("/staff/documents/templates/new");
    assertThat(form.statusCode()).isEqualTo(200);
    HttpResponse<String> created = staff.postForm("/staff/documents/templates", Map.of("templateKey", newKey,
        "name", "Oferta", "body", "Estimado {{nombre}}: {{llm:cuerpo}}", "bodyFormat", "MARKDOWN",
        "sections[0].name", "cuerpo", "sections[0].prompt", "Oferta para {{nombre}} en {{ciudad}}",
        "sections[0].maxTokens", "400", "sections[0].forbiddenTerms", "gratis\ngarantizado",
        "action", "save"), form.body());
    assertThat(created.statusCode()).isEqualTo(302);
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/staff/documents/templates/" + newKey));
    TemplateVersion first = templates.latest(newKey).orElseThrow();
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.bodyFormat()).isEqualTo(TemplateVersion.BodyFormat.MARKDOWN);
    assertThat(first.docx()).isFalse();
    assertThat(first.sections().get(0).forbiddenTerms()).containsExactly("gratis", "garantizado");

    HttpResponse<String> editor = staff.get("/staff/documents/templates/" + newKey);
    assertThat(editor.body()).contains("Guardada como versión 1").contains("Historial de versiones");
    HttpResponse<String> edited = staff.postForm("/staff/documents/templates", Map.of("templateKey", newKey,
        "existing", "true", "name", "Oferta 2027", "body", "Estimada {{nombre}}: {{llm:cuerpo}}",
        "bodyFormat", "HTML", "docx", "true", "sections[0].name", "cuerpo",
        "sections[0].prompt", "Oferta para {{nombre}} en {{ciudad}}", "sections[0].maxTokens", "500",
        "action", "save"), editor.body());
    assertThat(edited.statusCode()).isEqualTo(302);
    TemplateVersion second = templates.latest(newKey).orElseThrow();
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.docx()).isTrue();
    assertThat(templates.version(first.id()).body()).as("the first version is unchanged")
        .isEqualTo("Estimado {{nombre}}: {{llm:cuerpo}}");
    assertThat(staff.get("/staff/documents/templates").body()).contains(newKey).contains("Oferta 2027");

    HttpResponse<String> preview = staff.postForm("/staff/documents/templates", Map.of("templateKey", newKey,
        "existing", "true", "name", "Oferta 2027", "body", "Estimada {{nombre}}: {{llm:cuerpo}}",
        "bodyFormat", "HTML", "sections[0].name", "cuerpo",
        "sections[0].prompt", "Oferta para {{nombre}} en {{ciudad}}", "sections[0].maxTokens", "500",
        "sample", "nombre=Lucía", "action", "preview"), editor.body());
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("Variable desconocida ciudad").contains("srcdoc=\"Estimada Luc")
        .contains("Oferta para Lucía en {{ciudad}}");
    assertThat(templates.latest(newKey).orElseThrow().version()).as("a preview saves nothing").isEqualTo(2);

    HttpResponse<String> clash = staff.postForm("/staff/documents/templates", Map.of("templateKey", newKey,
        "name", "Otra", "body", "Hola", "bodyFormat", "HTML", "action", "save"), form.body());
    assertThat(clash.statusCode()).isEqualTo(400);
    assertThat(clash.body()).contains("Ya existe una plantilla con la clave");
  }

  @Test
  void anUploadWithABadRowStartsTheGoodOnesAndReportsTheBadOne() throws Exception {
    long batchId = upload(csv("nombre;compania", "Ana;Acme", "Beto", "Carla;Beta", "Dora;Gama"));
    DocumentBatch batch = batches.find(batchId).orElseThrow();
    assertThat(batch.status()).isEqualTo(DocumentBatch.Status.RUNNING);
    assertThat(batch.requester().email()).isEqualTo(requesterEmail());
    assertThat(batch.mode()).isEqualTo(DocumentBatch.Mode.ECONOMY);
    assertThat(batch.templateVersionId()).isEqualTo(version.id());
    assertThat(rowStatuses(batchId)).containsExactly("PENDING", "PENDING", "PENDING");
    assertThat(jdbc.sql("SELECT input_json FROM document_row WHERE batch_id = :b AND line_number = 2")
        .param("b", batchId).query(String.class).single()).contains("\"empresa\":\"Acme\"");

    // as the worker finishes rows: two documents (one flagged by a check), one failure
    finish(batchId, 2, "GENERATED", true, null);
    finish(batchId, 4, "GENERATED", false, null);
    finish(batchId, 5, "FAILED", null, "-HTTP 500 (InternalServerException)");

    JsonNode progress = JSON.readTree(staff.get("/staff/documents/batches/" + batchId + "/progress").body());
    assertThat(progress.path("status").asText()).isEqualTo("RUNNING");
    assertThat(progress.path("progress").path("generated").asInt()).isEqualTo(2);
    assertThat(progress.path("progress").path("flagged").asInt()).isEqualTo(1);
    assertThat(progress.path("progress").path("failed").asInt()).isEqualTo(1);
    assertThat(progress.path("progress").path("total").asInt()).isEqualTo(3);
    assertThat(progress.path("progress").path("rejectedInput").asInt()).isEqualTo(1);
    assertThat(progress.path("progress").path("promptTokens").asLong()).isEqualTo(360);
    assertThat(progress.path("progress").path("costUsd").asDouble()).isGreaterThan(0);
    assertThat(progress.path("percent").asInt()).isEqualTo(100);
    assertThat(progress.path("display").path("generated").asText()).isEqualTo("2");

    HttpResponse<String> page = staff.get("/staff/documents/batches/" + batchId);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-field=\"generated\">2<").contains("data-field=\"failed\">1<")
        .contains("data-field=\"total\">3<").contains("Línea 3: missing columns: compania")
        .contains("/js/document-progress.js").doesNotContain("<script>");
    assertThat(staff.get("/staff/documents").body()).contains("/staff/documents/batches/" + batchId)
        .contains("3 / 1 / 3");

    HttpResponse<byte[]> report = staff.download("/staff/documents/batches/" + batchId + "/errors.csv");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/csv"));
    String csv = new String(report.body(), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFLínea;Motivo\r\n");
    assertThat(csv.lines().skip(1).toList()).containsExactly(
        "3;missing columns: compania (1 of 2 cells)",
        "5;'-HTTP 500 (InternalServerException)");
  }

  @Test
  void aFileWithoutTheTemplatesColumnsIsRefusedWithItsReasonAndNothingStarts() {
    long batchId = upload(csv("cliente;compania", "Ana;Acme"));
    assertThat(batches.find(batchId).orElseThrow().status()).isEqualTo(DocumentBatch.Status.CANCELLED);
    assertThat(rowStatuses(batchId)).isEmpty();
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(BatchFlow.PROCESS)
        .processInstanceBusinessKey(String.valueOf(batchId)).count()).as("no case started").isZero();
    String page = staff.get("/staff/documents/batches/" + batchId).body();
    assertThat(page).contains("Se rechazó el archivo: no se empezó nada")
        .contains("the file has no column for nombre");
  }

  @Test
  void staffPauseResumeAndCancelABatch() {
    long batchId = upload(csv("nombre;compania", "Ana;Acme", "Beto;Beta"));
    finish(batchId, 2, "GENERATED", true, null);
    String page = staff.get("/staff/documents/batches/" + batchId).body();

    assertThat(post(batchId, "pause", page).statusCode()).isEqualTo(302);
    assertThat(batches.find(batchId).orElseThrow().status()).isEqualTo(DocumentBatch.Status.PAUSED);
    String paused = staff.get("/staff/documents/batches/" + batchId).body();
    assertThat(paused).contains("Lote en pausa").contains("/resume");
    post(batchId, "pause", paused);
    assertThat(staff.get("/staff/documents/batches/" + batchId).body()).contains("no se pausó");

    post(batchId, "resume", paused);
    assertThat(batches.find(batchId).orElseThrow().status()).isEqualTo(DocumentBatch.Status.RUNNING);
    assertThat(staff.get("/staff/documents/batches/" + batchId).body()).contains("Lote reanudado.");

    post(batchId, "cancel", paused);
    DocumentBatch cancelled = batches.find(batchId).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(DocumentBatch.Status.CANCELLED);
    assertThat(rowStatuses(batchId)).containsExactly("GENERATED", "CANCELLED");
    assertThat(cancelled.requestedBy()).isEqualTo(StaffDirectory.demoUserId("documents"));
    runDueJobs();
    assertThat(io.escala.support.Mails.to(requesterEmail())).extracting(io.escala.support.Mails::subject)
        .contains("Recibimos tu lote n.º " + batchId + ": Carta de bienvenida",
            "Cancelamos tu lote n.º " + batchId);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(batchId))
        .processDefinitionKey(BatchFlow.PROCESS).singleResult().getEndActivityId()).isEqualTo("Cancelled");
    assertThat(staff.get("/staff/documents/batches/" + batchId).body()).contains("Lote cancelado.")
        .doesNotContain("/pause\"").doesNotContain("/cancel\"");
  }

  @Test
  void theRestApiStartsABatchFromJsonRowsForTheDocumentsGroupOnly() throws Exception {
    String user = StaffDirectory.demoUserId("documents");
    String password = demoStaffPassword("documents");
    String body = """
        {"templateKey": "%s", "requester": {"name": "Ana Souza", "email": "ana@cliente.example", "locale": "pt-BR"},
         "mode": "standard", "rows": [{"nombre": "Ana", "empresa": "Acme"}, {"nombre": "Beto"},
         {"nombre": "Carla", "empresa": 42}]}""".formatted(key);

    HttpResponse<String> created = http.rest("POST", "/api/documents/batches", body, user, password);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(created.body());
    long batchId = answer.path("batchId").asLong();
    assertThat(answer.path("accepted").asInt()).isEqualTo(2);
    assertThat(answer.path("rejected").asInt()).isEqualTo(1);
    assertThat(answer.path("rejections").get(0).path("line").asInt()).isEqualTo(2);
    assertThat(answer.path("links").path("self").asText()).isEqualTo("/api/documents/batches/" + batchId);
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/api/documents/batches/" + batchId));
    runDueJobs();
    DocumentBatch batch = batches.find(batchId).orElseThrow();
    assertThat(batch.status()).isEqualTo(DocumentBatch.Status.RUNNING);
    assertThat(batch.requester().locale().toLanguageTag()).isEqualTo("pt-BR");
    assertThat(batch.requestedBy()).isEqualTo(user);
    assertThat(created.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();

    HttpResponse<String> progress = http.rest("GET", "/api/documents/batches/" + batchId, null, user, password);
    assertThat(progress.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(progress.body()).path("total").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(progress.body()).path("status").asText()).isEqualTo("RUNNING");

    HttpResponse<String> invalid = http.rest("POST", "/api/documents/batches", """
        {"templateVersionId": %d, "requester": {"name": "Ana", "email": "no-es-correo", "locale": "fr"},
         "mode": "express", "rows": []}""".formatted(version.id()), user, password);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(invalid.body()).path("errors").findValuesAsText("field"))
        .containsExactly("requester.email", "requester.locale", "mode", "rows");
    HttpResponse<String> notJson = http.rest("POST", "/api/documents/batches", "{\"rows\": [", user, password);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");
    HttpResponse<String> unknown = http.rest("POST", "/api/documents/batches", """
        {"templateKey": "no-such-template", "requester": {"name": "Ana", "email": "ana@cliente.example",
         "locale": "es"}, "rows": [{"nombre": "Ana"}]}""", user, password);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("no template no-such-template");

    HttpResponse<String> anonymous = http.rest("POST", "/api/documents/batches", body, null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWith("Basic"));
    assertThat(http.rest("GET", "/api/documents/batches/" + batchId, null, user, "wrong-" + password)
        .statusCode()).isEqualTo(401);
    HttpResponse<String> reviewer = http.rest("POST", "/api/documents/batches", body,
        StaffDirectory.demoUserId("reviewers"), demoStaffPassword("reviewers"));
    assertThat(reviewer.statusCode()).isEqualTo(403);
    long batchesNow = jdbc.sql("SELECT COUNT(*) FROM document_batch").query(Long.class).single();

    assertThat(oversizeStatus(user, password)).isEqualTo(413);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM document_batch").query(Long.class).single())
        .as("nothing started by refused requests").isEqualTo(batchesNow);
  }

  @Test
  void wrongApiPasswordsLockTheAccountForAWhileBeforeThePasswordIsChecked() throws Exception {
    String user = "api-" + UUID.randomUUID().toString().substring(0, 8);
    org.camunda.bpm.engine.IdentityService identity = processEngine.getIdentityService();
    org.camunda.bpm.engine.identity.User account = identity.newUser(user);
    account.setPassword("Api-Client-Passw0rd!");
    identity.saveUser(account);
    identity.createMembership(user, "documents");
    // an address of its own (the proxy header is trusted from localhost), so no other test's client is counted
    String client = "203.0.113." + (1 + new java.util.Random().nextInt(250));
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(basicGet(user, "wrong-" + attempt, client).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = basicGet(user, "Api-Client-Passw0rd!", client);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    identity.deleteUser(user);
  }

  private HttpResponse<String> basicGet(String user, String password, String client) throws Exception {
    return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/documents/batches/1"))
            .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .header("X-Forwarded-For", client).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A body announced above 10 MB is refused from its Content-Length: nothing of it is sent. */
  private int oversizeStatus(String user, String password) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String credentials = java.util.Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      out.write(("POST /api/documents/batches HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Authorization: Basic " + credentials + "\r\nContent-Length: " + (10 * 1024 * 1024 + 1)
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream status = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        status.write(c);
      }
      return Integer.parseInt(status.toString(StandardCharsets.US_ASCII).split(" ")[1]);
    }
  }

  private long upload(byte[] file) {
    String list = staff.get("/staff/documents?version=" + version.id()).body();
    assertThat(list).contains("column_empresa");
    HttpResponse<String> uploaded = staff.postMultipart("/staff/documents/batches", Map.of(
        "version", String.valueOf(version.id()), "column_nombre", "nombre", "column_empresa", "compania",
        "requesterName", "Compras Cliente", "requesterEmail", requesterEmail(), "requesterLocale", "es",
        "mode", "ECONOMY"), "file", "clientes.csv", file, list);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
    String location = uploaded.headers().firstValue("Location").orElseThrow();
    // the case sends the start e-mail and starts the generation (jobs run by hand in these tests)
    runDueJobs();
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  /** One address per test: the mail server is shared by the whole run. */
  private String requesterEmail() {
    return "compras-" + key + "@cliente.example";
  }

  /** UTF-8 with a BOM and ; as Spanish Excel saves it. */
  private static byte[] csv(String... lines) {
    return ("\uFEFF" + String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(long batchId, String action, String page) {
    return staff.postForm("/staff/documents/batches/" + batchId + "/" + action, Map.of(), page);
  }

  private List<String> rowStatuses(long batchId) {
    return jdbc.sql("SELECT status FROM document_row WHERE batch_id = :b ORDER BY line_number")
        .param("b", batchId).query(String.class).list();
  }

  private void finish(long batchId, int line, String status, Boolean passed, String error) {
    jdbc.sql("""
            UPDATE document_row SET status = :status, output = :output, checks_passed = :passed, error = :error,
                   llm_calls = 1, prompt_tokens = 120, completion_tokens = 60, finished_at = CURRENT_TIMESTAMP
            WHERE batch_id = :b AND line_number = :line""")
        .param("status", status).param("output", passed == null ? null : "<p>documento</p>")
        .param("passed", passed).param("error", error).param("b", batchId).param("line", line).update();
  }
}
