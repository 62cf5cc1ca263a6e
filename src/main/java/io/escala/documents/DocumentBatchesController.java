package io.escala.documents;

import io.escala.llm.LlmProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The document team's batches: the list with the upload form (CSV, columns mapped to the template's variables,
 * requester, mode), a batch's live progress (a JSON the page polls), pause / resume / cancel, and its error report.
 * The upload is read as a stream from the part Spring keeps on disk, never whole into memory.
 */
@Controller
class DocumentBatchesController {

  static final List<String> REQUESTER_LOCALES = List.of("es", "pt-BR", "en");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  static final String COLUMN_FIELD = "column_";

  private final DocumentTemplates templates;
  private final DocumentBatches batches;
  private final BatchIntake intake;
  private final BatchFlow flow;
  private final BatchProgress progress;
  private final DocumentStaffProperties properties;
  private final LlmProperties llm;
  private final MessageSource messages;
  private final JdbcClient jdbc;

  DocumentBatchesController(DocumentTemplates templates, DocumentBatches batches, BatchIntake intake, BatchFlow flow,
      BatchProgress progress, DocumentStaffProperties properties, LlmProperties llm, MessageSource messages,
      JdbcClient jdbc) {
    this.templates = templates;
    this.batches = batches;
    this.intake = intake;
    this.flow = flow;
    this.progress = progress;
    this.properties = properties;
    this.llm = llm;
    this.messages = messages;
    this.jdbc = jdbc;
  }

  /** A batch as the list shows it; done and failed counted from its rows while it runs. */
  record BatchRow(long id, DocumentBatch.Status status, String templateKey, int version, String requester,
      String requestedBy, DocumentBatch.Mode mode, int done, int failed, int total, OffsetDateTime createdAt) {}

  /** A template version to upload with. */
  record VersionChoice(long id, String templateKey, String name, int version) {}

  /** What the upload form holds, to show it again after a problem. */
  record UploadForm(Long version, String requesterName, String requesterEmail, String requesterLocale, String mode,
      Map<String, String> columns) {

    static UploadForm empty(Long version) {
      return new UploadForm(version, "", "", "es", DocumentBatch.Mode.STANDARD.name(), Map.of());
    }

    public String column(String variable) {
      return columns.getOrDefault(variable, variable);
    }
  }

  @GetMapping("/staff/documents")
  String list(@RequestParam(required = false) Long version, Model model) {
    return listPage(model, UploadForm.empty(version), List.of());
  }

  private String listPage(Model model, UploadForm form, List<String> problems) {
    model.addAttribute("batches", jdbc.sql("""
            SELECT b.id, b.status, t.template_key, v.version, b.requester_name, b.requested_by, b.mode,
                   (SELECT COUNT(*) FROM document_row r WHERE r.batch_id = b.id
                      AND r.status IN ('GENERATED', 'FAILED', 'REJECTED_INPUT', 'CANCELLED')) AS done,
                   (SELECT COUNT(*) FROM document_row r WHERE r.batch_id = b.id
                      AND r.status IN ('FAILED', 'REJECTED_INPUT')) AS failed,
                   (SELECT COUNT(*) FROM document_row r WHERE r.batch_id = b.id) AS total, b.created_at
            FROM document_batch b JOIN document_template_version v ON v.id = b.template_version_id
            JOIN document_template t ON t.id = v.template_id
            ORDER BY b.id DESC LIMIT :limit""")
        .param("limit", properties.batchesListed())
        .query((rs, row) -> new BatchRow(rs.getLong("id"), DocumentBatch.Status.valueOf(rs.getString("status")),
            rs.getString("template_key"), rs.getInt("version"), rs.getString("requester_name"),
            rs.getString("requested_by"), DocumentBatch.Mode.valueOf(rs.getString("mode")), rs.getInt("done"),
            rs.getInt("failed"), rs.getInt("total"), utc(rs.getTimestamp("created_at"))))
        .list());
    model.addAttribute("versions", jdbc.sql("""
            SELECT v.id, t.template_key, t.name, v.version
            FROM document_template_version v JOIN document_template t ON t.id = v.template_id
            ORDER BY t.name, t.template_key, v.version DESC""")
        .query((rs, row) -> new VersionChoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
        .list());
    Optional<TemplateVersion> chosen = form.version() == null ? Optional.empty() : version(form.version());
    model.addAttribute("chosen", chosen.orElse(null));
    model.addAttribute("variables", chosen.map(TemplateRenderer::variables).orElse(Set.of()));
    model.addAttribute("form", form);
    model.addAttribute("locales", REQUESTER_LOCALES);
    model.addAttribute("modes", DocumentBatch.Mode.values());
    model.addAttribute("uploadProblems", problems);
    return "staff/documents";
  }

  @PostMapping("/staff/documents/batches")
  String upload(@RequestParam(required = false) Long version, @RequestParam(required = false) MultipartFile file,
      @RequestParam(defaultValue = "") String requesterName, @RequestParam(defaultValue = "") String requesterEmail,
      @RequestParam(defaultValue = "") String requesterLocale, @RequestParam(defaultValue = "") String mode,
      HttpServletRequest request, Principal user, Model model, HttpServletResponse response) throws IOException {
    Optional<TemplateVersion> template = version == null ? Optional.empty() : version(version);
    Map<String, String> columns = new LinkedHashMap<>();
    template.ifPresent(t -> TemplateRenderer.variables(t).forEach(variable -> {
      String column = request.getParameter(COLUMN_FIELD + variable);
      columns.put(variable, column == null || column.isBlank() ? variable : column.strip());
    }));
    UploadForm form = new UploadForm(version, requesterName.strip(), requesterEmail.strip(), requesterLocale, mode,
        columns);
    List<String> problems = new ArrayList<>();
    if (template.isEmpty()) {
      problems.add("documents.upload.problem.version");
    }
    if (file == null || file.isEmpty()) {
      problems.add("documents.upload.problem.file");
    }
    if (form.requesterName().isEmpty() || form.requesterName().length() > 200) {
      problems.add("documents.upload.problem.name");
    }
    if (form.requesterEmail().length() > 254 || !EMAIL.matcher(form.requesterEmail()).matches()) {
      problems.add("documents.upload.problem.email");
    }
    if (!REQUESTER_LOCALES.contains(requesterLocale)) {
      problems.add("documents.upload.problem.locale");
    }
    Optional<DocumentBatch.Mode> chosenMode = mode(mode);
    if (chosenMode.isEmpty()) {
      problems.add("documents.upload.problem.mode");
    }
    if (new LinkedHashSet<>(columns.values()).size() < columns.size()) {
      problems.add("documents.upload.problem.columnTwice");
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return listPage(model, form, problems);
    }
    Map<String, String> columnToVariable = new LinkedHashMap<>();
    columns.forEach((variable, column) -> columnToVariable.put(column, variable));
    BatchIntake.IntakeReport report;
    // a part above spring.servlet.multipart.file-size-threshold (1 MB) is on disk: read as a stream
    try (InputStream in = file.getInputStream()) {
      report = intake.csv(template.get().id(), llm.model(), user.getName(), in, columnToVariable);
    }
    if (!report.refused()) {
      flow.start(report.batchId(), new DocumentBatch.Requester(form.requesterName(), form.requesterEmail(),
          Locale.forLanguageTag(requesterLocale)), chosenMode.get());
    }
    return "redirect:/staff/documents/batches/" + report.batchId();
  }

  static Optional<DocumentBatch.Mode> mode(String mode) {
    for (DocumentBatch.Mode candidate : DocumentBatch.Mode.values()) {
      if (candidate.name().equalsIgnoreCase(mode == null ? "" : mode.strip())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @GetMapping("/staff/documents/batches/{id}")
  String batch(@PathVariable long id, Locale locale, Model model) {
    DocumentBatch batch = batches.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    TemplateVersion version = templates.version(batch.templateVersionId());
    List<BatchIntake.InputError> errors = intake.errors(id, locale);
    model.addAttribute("batch", batch);
    model.addAttribute("template", version);
    model.addAttribute("created", utc(batch.createdAt()));
    model.addAttribute("view", ProgressView.of(progress.of(batch), messages, locale));
    model.addAttribute("errors", errors.stream().limit(properties.errorsShown()).toList());
    model.addAttribute("errorCount", errors.size());
    model.addAttribute("refused", batch.status() == DocumentBatch.Status.CANCELLED && batch.startedAt() == null
        && batch.rowsTotal() == 0 && !errors.isEmpty());
    model.addAttribute("failedRows", jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :id"
            + " AND status IN ('FAILED', 'REJECTED_INPUT')").param("id", id).query(Integer.class).single());
    model.addAttribute("pollMillis", properties.pollInterval().toMillis());
    model.addAttribute("cancellable", cancellable(batch.status()));
    return "staff/documents-batch";
  }

  @GetMapping(path = "/staff/documents/batches/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> progressJson(@PathVariable long id, Locale locale) {
    BatchProgress.Progress current = progress.of(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    ProgressView view = ProgressView.of(current, messages, locale);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", current.status().name());
    json.put("open", current.open());
    json.put("percent", current.percent());
    json.put("progress", current);
    json.put("display", view.display());
    return json;
  }

  @PostMapping("/staff/documents/batches/{id}/pause")
  String pause(@PathVariable long id, RedirectAttributes redirect) {
    found(id);
    redirect.addFlashAttribute("action", batches.pause(id) ? "documents.batch.paused" : "documents.batch.notPaused");
    return "redirect:/staff/documents/batches/" + id;
  }

  @PostMapping("/staff/documents/batches/{id}/resume")
  String resume(@PathVariable long id, RedirectAttributes redirect) {
    found(id);
    redirect.addFlashAttribute("action", batches.resume(id) ? "documents.batch.resumed"
        : "documents.batch.notResumed");
    return "redirect:/staff/documents/batches/" + id;
  }

  @PostMapping("/staff/documents/batches/{id}/cancel")
  String cancel(@PathVariable long id, Principal user, RedirectAttributes redirect) {
    DocumentBatch batch = found(id);
    if (!cancellable(batch.status())) {
      redirect.addFlashAttribute("action", "documents.batch.notCancelled");
    } else {
      flow.cancel(id, user.getName());
      redirect.addFlashAttribute("action", "documents.batch.cancelled");
    }
    return "redirect:/staff/documents/batches/" + id;
  }

  static boolean cancellable(DocumentBatch.Status status) {
    return switch (status) {
      case RECEIVING, READY, RUNNING, PAUSED, GENERATED -> true;
      default -> false;
    };
  }

  /**
   * Every input row that did not become a document: the intake's refusals, then rows that failed. Each cell
   * neutralized, as a spreadsheet would run a formula from an uploaded value.
   */
  @GetMapping("/staff/documents/batches/{id}/errors.csv")
  void errors(@PathVariable long id, Locale locale, HttpServletResponse response) throws IOException {
    found(id);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"batch-" + id + "-errors.csv\"");
    Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    // the BOM and ; are what Excel in Spanish and Portuguese opens without an import dialog
    writer.write('\uFEFF');
    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setDelimiter(';').get());
    csv.printRecord(CsvCells.neutralize(messages.getMessage("documents.errors.line", null, locale)),
        CsvCells.neutralize(messages.getMessage("documents.errors.reason", null, locale)));
    for (BatchIntake.InputError error : intake.errors(id, locale)) {
      csv.printRecord(CsvCells.neutralize(String.valueOf(error.line())), CsvCells.neutralize(error.reason()));
    }
    jdbc.sql("SELECT line_number, error FROM document_row WHERE batch_id = :id AND status IN ('FAILED',"
            + " 'REJECTED_INPUT') ORDER BY line_number")
        .param("id", id)
        .query(rs -> {
          try {
            String error = rs.getString(2);
            csv.printRecord(CsvCells.neutralize(String.valueOf(rs.getInt(1))),
                CsvCells.neutralize(error == null ? "" : error));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    csv.flush();
  }

  private DocumentBatch found(long id) {
    return batches.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private Optional<TemplateVersion> version(long id) {
    try {
      return Optional.of(templates.version(id));
    } catch (IllegalArgumentException missing) {
      return Optional.empty();
    }
  }

  private static OffsetDateTime utc(java.sql.Timestamp timestamp) {
    return timestamp.toInstant().atOffset(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
