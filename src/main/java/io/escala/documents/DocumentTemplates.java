package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Templates and their versions. Saving always writes a new version; no method updates one, so a batch that names a
 * version keeps generating exactly what it was started with. Versions are immutable, so they are cached by id.
 */
@Component
public class DocumentTemplates {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> TERMS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<Long, TemplateVersion> versions = new ConcurrentHashMap<>();

  public DocumentTemplates(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** A new version of the template {@code templateKey} (created on its first save); returns the version. */
  public TemplateVersion save(String templateKey, String name, String body, TemplateVersion.BodyFormat format,
      List<TemplateSection> sections, String author) {
    return save(templateKey, name, body, format, sections, author, false);
  }

  /** @param docx each document of the version is delivered as DOCX too */
  public TemplateVersion save(String templateKey, String name, String body, TemplateVersion.BodyFormat format,
      List<TemplateSection> sections, String author, boolean docx) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("a template needs a body");
    }
    long id = transaction.execute(status -> {
      Timestamp now = Timestamp.from(clock.instant());
      Optional<Long> templateId = jdbc.sql("SELECT id FROM document_template WHERE template_key = :key FOR UPDATE")
          .param("key", templateKey).query(Long.class).optional();
      long template = templateId.orElseGet(() -> {
        jdbc.sql("INSERT INTO document_template (template_key, name, created_at) VALUES (:key, :name, :now)")
            .param("key", templateKey).param("name", name).param("now", now).update();
        return jdbc.sql("SELECT id FROM document_template WHERE template_key = :key").param("key", templateKey)
            .query(Long.class).single();
      });
      if (templateId.isPresent() && name != null && !name.isBlank()) {
        // the name is the template's, not a version's: the latest save names it
        jdbc.sql("UPDATE document_template SET name = :name WHERE id = :t").param("name", name)
            .param("t", template).update();
      }
      int next = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM document_template_version WHERE template_id = :t")
          .param("t", template).query(Integer.class).single();
      jdbc.sql("""
              INSERT INTO document_template_version (template_id, version, body, body_format, created_by, created_at,
                  docx)
              VALUES (:t, :v, :body, :format, :author, :now, :docx)""")
          .param("t", template).param("v", next).param("body", body).param("format", format.name())
          .param("author", author).param("now", now).param("docx", docx).update();
      long versionId = jdbc.sql("SELECT id FROM document_template_version WHERE template_id = :t AND version = :v")
          .param("t", template).param("v", next).query(Long.class).single();
      for (int position = 0; position < sections.size(); position++) {
        TemplateSection section = sections.get(position);
        jdbc.sql("""
                INSERT INTO document_template_section (version_id, position, name, prompt, max_tokens, min_length,
                    max_length, language, required_terms, forbidden_terms, json_schema)
                VALUES (:v, :p, :name, :prompt, :maxTokens, :min, :max, :lang, :req, :forb, :schema)""")
            .param("v", versionId).param("p", position).param("name", section.name())
            .param("prompt", section.prompt()).param("maxTokens", section.maxTokens())
            .param("min", section.minLength()).param("max", section.maxLength()).param("lang", section.language())
            .param("req", json(section.requiredTerms())).param("forb", json(section.forbiddenTerms()))
            .param("schema", section.jsonSchema()).update();
      }
      return versionId;
    });
    return version(id);
  }

  public TemplateVersion version(long versionId) {
    return versions.computeIfAbsent(versionId, this::load);
  }

  public Optional<TemplateVersion> latest(String templateKey) {
    return jdbc.sql("""
            SELECT v.id FROM document_template_version v JOIN document_template t ON t.id = v.template_id
            WHERE t.template_key = :key ORDER BY v.version DESC LIMIT 1""")
        .param("key", templateKey).query(Long.class).optional().map(this::version);
  }

  private TemplateVersion load(long versionId) {
    List<TemplateSection> sections = jdbc.sql("""
            SELECT name, prompt, max_tokens, min_length, max_length, language, required_terms, forbidden_terms,
                   json_schema
            FROM document_template_section WHERE version_id = :v ORDER BY position""")
        .param("v", versionId)
        .query((rs, row) -> new TemplateSection(rs.getString("name"), rs.getString("prompt"), rs.getInt("max_tokens"),
            (Integer) rs.getObject("min_length", Integer.class), (Integer) rs.getObject("max_length", Integer.class),
            rs.getString("language"), terms(rs.getString("required_terms")), terms(rs.getString("forbidden_terms")),
            rs.getString("json_schema")))
        .list();
    return jdbc.sql("""
            SELECT v.id, t.template_key, v.version, v.body, v.body_format, v.created_by, v.created_at, v.docx
            FROM document_template_version v JOIN document_template t ON t.id = v.template_id WHERE v.id = :v""")
        .param("v", versionId)
        .query((rs, row) -> new TemplateVersion(rs.getLong("id"), rs.getString("template_key"), rs.getInt("version"),
            rs.getString("body"), TemplateVersion.BodyFormat.valueOf(rs.getString("body_format")), sections,
            rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("docx")))
        .optional()
        .orElseThrow(() -> new IllegalArgumentException("no template version " + versionId));
  }

  private static String json(List<String> terms) {
    try {
      return JSON.writeValueAsString(terms);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> terms(String json) {
    try {
      return JSON.readValue(json, TERMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable term list in document_template_section", e);
    }
  }
}
