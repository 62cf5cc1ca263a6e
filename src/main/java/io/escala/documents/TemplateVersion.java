package io.escala.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One immutable version of a document template: what a batch generates with.
 *
 * @param docx each document is delivered as DOCX too, beside its PDF
 */
public record TemplateVersion(long id, String templateKey, int version, String body, BodyFormat bodyFormat,
    List<TemplateSection> sections, String createdBy, Instant createdAt, boolean docx) {

  public enum BodyFormat { HTML, MARKDOWN }

  public TemplateVersion {
    sections = List.copyOf(sections);
  }

  /** A version that asks for no DOCX beside its PDF. */
  public TemplateVersion(long id, String templateKey, int version, String body, BodyFormat bodyFormat,
      List<TemplateSection> sections, String createdBy, Instant createdAt) {
    this(id, templateKey, version, body, bodyFormat, sections, createdBy, createdAt, false);
  }

  public Optional<TemplateSection> section(String name) {
    return sections.stream().filter(section -> section.name().equals(name)).findFirst();
  }
}
