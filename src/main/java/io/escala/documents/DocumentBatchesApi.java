package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.llm.LlmProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/documents/batches}: a batch from JSON rows, for tools that do not upload files; HTTP Basic with a
 * Camunda account of the {@code documents} group (declared in {@link DocumentsFeature}, enforced by the platform),
 * the body capped before it is read. {@code GET /api/documents/batches/{id}}: its progress.
 *
 * <pre>
 * {"templateKey": "carta", "requester": {"name": "Ana", "email": "ana@cliente.example", "locale": "es"},
 *  "mode": "standard", "rows": [{"nombre": "Lucía", "empresa": "Acme"}, ...]}
 * </pre>
 *
 * The answer is 201 with the batch, how many rows were accepted and rejected (with the first rejections) and links;
 * 400 with {@code {"errors": [{"field", "message"}]}} for a request that cannot start a batch. Error messages are
 * English: the API is for developers' tools, its callers' own pages translate.
 */
@RestController
class DocumentBatchesApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DocumentTemplates templates;
  private final BatchIntake intake;
  private final BatchFlow flow;
  private final BatchProgress progress;
  private final DocumentStaffProperties properties;
  private final LlmProperties llm;

  DocumentBatchesApi(DocumentTemplates templates, BatchIntake intake, BatchFlow flow,
      BatchProgress progress, DocumentStaffProperties properties, LlmProperties llm) {
    this.templates = templates;
    this.intake = intake;
    this.flow = flow;
    this.progress = progress;
    this.properties = properties;
    this.llm = llm;
  }

  record FieldError(String field, String message) {}

  @PostMapping(path = "/api/documents/batches")
  ResponseEntity<Map<String, Object>> create(HttpServletRequest request, Principal user) throws IOException {
    MediaType type = contentType(request);
    if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
      return errors(HttpStatus.UNSUPPORTED_MEDIA_TYPE, List.of(new FieldError("", "send application/json")));
    }
    JsonNode body;
    // capped by the platform (ApiEndpoint.maxBody) before it is read
    try (InputStream in = request.getInputStream()) {
      body = JSON.readTree(in);
    } catch (JsonProcessingException unreadable) {
      return errors(HttpStatus.BAD_REQUEST, List.of(new FieldError("", "the body is not JSON: "
          + unreadable.getOriginalMessage())));
    }
    if (body == null || !body.isObject()) {
      return errors(HttpStatus.BAD_REQUEST, List.of(new FieldError("", "the body must be a JSON object")));
    }
    List<FieldError> problems = new ArrayList<>();
    Optional<TemplateVersion> version = version(body, problems);
    JsonNode requester = body.path("requester");
    String name = text(requester, "name");
    String email = text(requester, "email");
    String locale = text(requester, "locale");
    if (!requester.isObject()) {
      problems.add(new FieldError("requester", "an object with name, email and locale"));
    } else {
      if (name == null || name.isBlank() || name.length() > 200) {
        problems.add(new FieldError("requester.name", "1 to 200 characters"));
      }
      if (email == null || email.length() > 254 || !DocumentBatchesController.EMAIL.matcher(email).matches()) {
        problems.add(new FieldError("requester.email", "an e-mail address"));
      }
      if (!DocumentBatchesController.REQUESTER_LOCALES.contains(locale)) {
        problems.add(new FieldError("requester.locale", "one of " + DocumentBatchesController.REQUESTER_LOCALES));
      }
    }
    String modeText = body.hasNonNull("mode") ? body.get("mode").asText() : "standard";
    Optional<DocumentBatch.Mode> mode = DocumentBatchesController.mode(modeText);
    if (mode.isEmpty()) {
      problems.add(new FieldError("mode", "standard or economy"));
    }
    JsonNode rows = body.path("rows");
    if (!rows.isArray() || rows.isEmpty()) {
      problems.add(new FieldError("rows", "a non-empty array of objects, one per document"));
    }
    if (!problems.isEmpty()) {
      return errors(HttpStatus.BAD_REQUEST, problems);
    }
    BatchIntake.IntakeReport report = intake.json(version.get().id(), llm.model(), user.getName(), rowsOf(rows));
    flow.start(report.batchId(), new DocumentBatch.Requester(name.strip(), email.strip(),
        Locale.forLanguageTag(locale)), mode.get());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("batchId", report.batchId());
    answer.put("templateVersionId", version.get().id());
    answer.put("accepted", report.accepted());
    answer.put("rejected", report.rejected());
    answer.put("rejections", intake.errors(report.batchId()).stream().limit(properties.apiErrorsReturned())
        .map(error -> Map.of("line", error.line(), "reason", error.reason())).toList());
    answer.put("links", links(report.batchId()));
    return ResponseEntity.created(URI.create("/api/documents/batches/" + report.batchId())).body(answer);
  }

  @GetMapping(path = "/api/documents/batches/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
    Optional<BatchProgress.Progress> current = progress.of(id);
    if (current.isEmpty()) {
      return errors(HttpStatus.NOT_FOUND, List.of(new FieldError("id", "no batch " + id)));
    }
    BatchProgress.Progress p = current.get();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("batchId", id);
    answer.put("status", p.status().name());
    answer.put("total", p.total());
    answer.put("generated", p.generated());
    answer.put("flagged", p.flagged());
    answer.put("failed", p.failed());
    answer.put("cancelled", p.cancelled());
    answer.put("remaining", p.remaining());
    answer.put("rejectedInput", p.rejectedInput());
    answer.put("percent", p.percent());
    answer.put("ratePerMinute", p.ratePerMinute());
    answer.put("etaSeconds", p.etaSeconds());
    answer.put("llmCalls", p.llmCalls());
    answer.put("cachedCalls", p.cachedCalls());
    answer.put("promptTokens", p.promptTokens());
    answer.put("completionTokens", p.completionTokens());
    answer.put("costUsd", p.costUsd());
    answer.put("links", links(id));
    return ResponseEntity.ok(answer);
  }

  private Optional<TemplateVersion> version(JsonNode body, List<FieldError> problems) {
    JsonNode id = body.get("templateVersionId");
    String key = text(body, "templateKey");
    if (id != null && !id.isNull()) {
      if (!id.canConvertToLong() || !id.isIntegralNumber()) {
        problems.add(new FieldError("templateVersionId", "a number"));
        return Optional.empty();
      }
      try {
        TemplateVersion version = templates.version(id.asLong());
        if (key != null && !key.equals(version.templateKey())) {
          problems.add(new FieldError("templateKey", "version " + id.asLong() + " is not a version of " + key));
          return Optional.empty();
        }
        return Optional.of(version);
      } catch (IllegalArgumentException missing) {
        problems.add(new FieldError("templateVersionId", "no template version " + id.asLong()));
        return Optional.empty();
      }
    }
    if (key == null || key.isBlank()) {
      problems.add(new FieldError("templateKey", "templateKey or templateVersionId is required"));
      return Optional.empty();
    }
    Optional<TemplateVersion> latest = templates.latest(key);
    if (latest.isEmpty()) {
      problems.add(new FieldError("templateKey", "no template " + key));
    }
    return latest;
  }

  /** The rows as the intake reads them, converted one at a time: no second copy of a large body. */
  private static List<Map<String, String>> rowsOf(JsonNode rows) {
    return new AbstractList<>() {
      @Override
      public Map<String, String> get(int index) {
        JsonNode row = rows.get(index);
        if (row == null || !row.isObject()) {
          return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        row.properties().forEach(cell -> values.put(cell.getKey(), cell.getValue().isNull() ? null
            : cell.getValue().isValueNode() ? cell.getValue().asText() : cell.getValue().toString()));
        return values;
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  private static Map<String, String> links(long id) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", "/api/documents/batches/" + id);
    links.put("page", "/staff/documents/batches/" + id);
    links.put("errors", "/staff/documents/batches/" + id + "/errors.csv");
    return links;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  private static MediaType contentType(HttpServletRequest request) {
    try {
      return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static ResponseEntity<Map<String, Object>> errors(HttpStatus status, List<FieldError> problems) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
            .toList()));
  }
}
