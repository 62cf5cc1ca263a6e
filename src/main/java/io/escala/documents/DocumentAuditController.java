package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The audit trail of one document, for the document team ({@code /staff/documents}): how it was generated (template
 * version, model, prompt hash, check results, time), every review decision on it, and the trail of
 * {@link DocumentAudit} (batch-wide events included), with its PDF as the requester gets it.
 */
@Controller
class DocumentAuditController {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> DETAIL = new TypeReference<>() {};

  /** The generation of one document. */
  record Generation(long rowId, long batchId, int line, String status, String templateName, String templateKey,
      int templateVersion, String model, String promptHash, Boolean checksPassed, List<CheckResult> checks,
      Instant generatedAt, int attempts, int llmCalls, int cachedCalls, int promptTokens, int completionTokens,
      String error, int reviewRound, String output, long templateVersionId) {}

  record Review(int round, int position, boolean flagged, String decision, String reviewer, String comment,
      Instant decidedAt) {}

  record Event(String event, String actor, Map<String, Object> detail, Instant at, boolean batchWide) {}

  private final JdbcClient jdbc;
  private final DocumentAudit audit;
  private final DocumentTemplates templates;
  private final DocumentRendering rendering = new DocumentRendering();

  DocumentAuditController(JdbcClient jdbc, DocumentAudit audit, DocumentTemplates templates) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.templates = templates;
  }

  @GetMapping("/staff/documents/audit/{rowId}")
  String audit(@PathVariable long rowId, Model model) {
    Generation generation = generation(rowId);
    model.addAttribute("doc", generation);
    model.addAttribute("delivered", jdbc.sql("SELECT COUNT(*) FROM document_row r " + BatchResults.LATEST_DECISION
            + " WHERE r.id = :id AND " + BatchResults.DELIVERED)
        .param("id", rowId).query(Integer.class).single() == 1);
    model.addAttribute("fileName", BatchResults.fileName(generation.line(), "pdf"));
    model.addAttribute("reviews", jdbc.sql("""
            SELECT review_round, position, flagged, decision, reviewer, review_comment, decided_at
            FROM document_review WHERE row_id = :id ORDER BY review_round, position""")
        .param("id", rowId)
        .query((rs, n) -> new Review(rs.getInt(1), rs.getInt(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
        .list());
    model.addAttribute("trail", audit.trail(generation.batchId(), rowId).stream()
        .map(entry -> new Event(entry.event().name(), entry.actor(), detail(entry.detail()), entry.at(),
            entry.rowId() == null))
        .toList());
    return "staff/document-audit";
  }

  /** The document as the requester's package has it. */
  @GetMapping("/staff/documents/audit/{rowId}/document.pdf")
  void pdf(@PathVariable long rowId, HttpServletResponse response) throws IOException {
    Generation generation = generation(rowId);
    if (generation.output() == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    byte[] pdf = rendering.pdf(generation.output(), templates.version(generation.templateVersionId()).bodyFormat());
    response.setContentType("application/pdf");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        "inline; filename=\"" + BatchResults.fileName(generation.line(), "pdf") + "\"");
    response.setContentLength(pdf.length);
    response.getOutputStream().write(pdf);
  }

  private Generation generation(long rowId) {
    return jdbc.sql("""
            SELECT r.id, r.batch_id, r.line_number, r.status, t.name, b.model, r.prompt_hash, r.checks_passed,
                   r.check_results, r.finished_at, r.attempts, r.llm_calls, r.cached_calls, r.prompt_tokens,
                   r.completion_tokens, r.error, r.review_round, r.output, b.template_version_id
            FROM document_row r JOIN document_batch b ON b.id = r.batch_id
            JOIN document_template_version v ON v.id = b.template_version_id
            JOIN document_template t ON t.id = v.template_id
            WHERE r.id = :id""")
        .param("id", rowId)
        .query((rs, n) -> {
          TemplateVersion version = templates.version(rs.getLong("template_version_id"));
          return new Generation(rs.getLong("id"), rs.getLong("batch_id"), rs.getInt("line_number"),
              rs.getString("status"), rs.getString("name"), version.templateKey(), version.version(),
              rs.getString("model"), rs.getString("prompt_hash"), (Boolean) rs.getObject("checks_passed"),
              BatchResults.checks(rs.getString("check_results")),
              rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
              rs.getInt("attempts"), rs.getInt("llm_calls"), rs.getInt("cached_calls"), rs.getInt("prompt_tokens"),
              rs.getInt("completion_tokens"), rs.getString("error"), rs.getInt("review_round"), rs.getString("output"),
              version.id());
        })
        .optional()
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static Map<String, Object> detail(String json) {
    try {
      return JSON.readValue(json, DETAIL);
    } catch (JsonProcessingException e) {
      return Map.of("detail", json);
    }
  }
}
