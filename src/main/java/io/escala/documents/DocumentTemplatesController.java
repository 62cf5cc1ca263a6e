package io.escala.documents;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The document team's templates: the list, the editor (every save is a new immutable version, so a running batch
 * keeps the version it started with), the version history and a preview against a sample row that names every
 * variable the row cannot fill before any batch starts.
 */
@Controller
class DocumentTemplatesController {

  private final DocumentTemplates templates;
  private final JdbcClient jdbc;

  DocumentTemplatesController(DocumentTemplates templates, JdbcClient jdbc) {
    this.templates = templates;
    this.jdbc = jdbc;
  }

  /** A template as the list shows it: its latest version. */
  record TemplateRow(String key, String name, long latestVersionId, int latestVersion, String createdBy,
      java.time.OffsetDateTime createdAt) {}

  /** A version of the history, with the batches that used it. */
  record VersionRow(long id, int version, String createdBy, java.time.OffsetDateTime createdAt, int batches) {}

  @InitBinder("templateForm")
  void allowOnlyTemplateFields(WebDataBinder binder) {
    binder.setAllowedFields("templateKey", "name", "body", "bodyFormat", "docx", "existing", "sample",
        "sections[*].*");
    binder.setAutoGrowCollectionLimit(MAX_SECTIONS);
  }

  /** More sections than anyone writes by hand; a bigger index is refused by the binder. */
  private static final int MAX_SECTIONS = 50;

  @GetMapping("/staff/documents/templates")
  String list(Model model) {
    model.addAttribute("templates", rows());
    return "staff/documents-templates";
  }

  List<TemplateRow> rows() {
    return jdbc.sql("""
            SELECT t.template_key, t.name, v.id, v.version, v.created_by, v.created_at
            FROM document_template t JOIN document_template_version v ON v.template_id = t.id
            WHERE v.version = (SELECT MAX(version) FROM document_template_version WHERE template_id = t.id)
            ORDER BY t.name, t.template_key""")
        .query((rs, row) -> new TemplateRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
            rs.getString(5), rs.getTimestamp(6).toInstant().atOffset(java.time.ZoneOffset.UTC)))
        .list();
  }

  @GetMapping("/staff/documents/templates/new")
  String create(Model model) {
    TemplateForm form = new TemplateForm();
    form.getSections().add(new TemplateForm.SectionForm());
    model.addAttribute("templateForm", form);
    return editor(model, form);
  }

  /** The latest version in the editor, or an older one ({@code version}) to start the next version from. */
  @GetMapping("/staff/documents/templates/{key}")
  String edit(@PathVariable String key, @RequestParam(required = false) Integer version, Model model) {
    String name = templateName(key).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    TemplateVersion shown = version == null ? templates.latest(key).orElseThrow()
        : history(key).stream().filter(row -> row.version() == version).findFirst()
            .map(row -> templates.version(row.id()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    TemplateForm form = TemplateForm.of(name, shown);
    model.addAttribute("templateForm", form);
    model.addAttribute("shownVersion", shown.version());
    return editor(model, form);
  }

  /**
   * One form, four buttons: save (a new version), preview, add a section, remove section n. Only save writes.
   */
  @PostMapping("/staff/documents/templates")
  String submit(@ModelAttribute("templateForm") TemplateForm form, @RequestParam(required = false) String action,
      @RequestParam(required = false) Integer remove, Principal user, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    if (remove != null) {
      if (remove >= 0 && remove < form.getSections().size()) {
        form.getSections().remove((int) remove);
      }
      return editor(model, form);
    }
    if ("add".equals(action)) {
      form.getSections().add(new TemplateForm.SectionForm());
      return editor(model, form);
    }
    List<TemplateForm.Problem> problems = new java.util.ArrayList<>(form.problems());
    boolean taken = !form.isExisting() && templateName(form.key()).isPresent();
    if (taken) {
      problems.add(TemplateForm.Problem.of("documents.templates.problem.keyTaken", form.key()));
    }
    if (form.isExisting() && templateName(form.key()).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problems", problems);
      return editor(model, form);
    }
    if ("preview".equals(action)) {
      TemplateVersion draft = new TemplateVersion(0, form.key(), 0, form.getBody(), form.format(),
          form.templateSections(), user.getName(), Instant.now(), form.isDocx());
      model.addAttribute("preview", TemplateRenderer.preview(draft, form.sampleRow()));
      model.addAttribute("variables", TemplateRenderer.variables(draft));
      return editor(model, form);
    }
    TemplateVersion saved = templates.save(form.key(), form.getName().strip(), form.getBody(), form.format(),
        form.templateSections(), user.getName(), form.isDocx());
    redirect.addFlashAttribute("savedVersion", saved.version());
    return "redirect:/staff/documents/templates/" + saved.templateKey();
  }

  private String editor(Model model, TemplateForm form) {
    model.addAttribute("formats", TemplateVersion.BodyFormat.values());
    model.addAttribute("languages", List.of("es", "pt", "en"));
    if (form.isExisting()) {
      model.addAttribute("history", history(form.key()));
    }
    return "staff/documents-template-edit";
  }

  private Optional<String> templateName(String key) {
    return jdbc.sql("SELECT name FROM document_template WHERE template_key = :key").param("key", key)
        .query(String.class).optional();
  }

  List<VersionRow> history(String key) {
    return jdbc.sql("""
            SELECT v.id, v.version, v.created_by, v.created_at,
                   (SELECT COUNT(*) FROM document_batch b WHERE b.template_version_id = v.id) AS batches
            FROM document_template_version v JOIN document_template t ON t.id = v.template_id
            WHERE t.template_key = :key ORDER BY v.version DESC""")
        .param("key", key)
        .query((rs, row) -> new VersionRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
            rs.getTimestamp(4).toInstant().atOffset(java.time.ZoneOffset.UTC), rs.getInt(5)))
        .list();
  }
}
