package io.escala.documents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One immutable version of a document template: what a batch generates with. */
public record TemplateVersion(long id, String templateKey, int version, String body, BodyFormat bodyFormat,
    List<TemplateSection> sections, String createdBy, Instant createdAt) {

  public enum BodyFormat { HTML, MARKDOWN }

  public TemplateVersion {
    sections = List.copyOf(sections);
  }

  public Optional<TemplateSection> section(String name) {
    return sections.stream().filter(section -> section.name().equals(name)).findFirst();
  }
}
