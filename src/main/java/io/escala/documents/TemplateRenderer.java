package io.escala.documents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code {{variable}}} substitution in bodies and prompts. A body also names its LLM sections as
 * {@code {{llm:section}}}. Nothing else is evaluated: a value is text, never a template (a row cannot inject
 * placeholders, as substitution is one pass over the template only).
 */
public final class TemplateRenderer {

  public static final String SECTION_PREFIX = "llm:";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.:-]*)\\s*}}");
  /** What is left of a placeholder after rendering, also a broken one ({{ name }, {{}}). */
  static final Pattern LEFTOVER = Pattern.compile("\\{\\{[^{}]{0,80}}}?");

  /** Text with every placeholder it could fill filled; {@code unresolved}: names without a (non-blank) value. */
  public record Rendered(String text, Set<String> unresolved) {

    public boolean complete() {
      return unresolved.isEmpty();
    }
  }

  /**
   * What a template would produce for a sample row, before any batch starts.
   *
   * @param unknownVariables placeholders the sample row has no column for
   * @param emptyVariables placeholders whose column the sample row has, but blank
   * @param unknownSections {@code {{llm:x}}} in the body without a section x
   * @param unusedSections sections the body never shows
   */
  public record Preview(String body, Map<String, String> prompts, Set<String> unknownVariables,
      Set<String> emptyVariables, Set<String> unknownSections, Set<String> unusedSections) {

    public boolean ready() {
      return unknownVariables.isEmpty() && emptyVariables.isEmpty() && unknownSections.isEmpty();
    }

    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      unknownVariables.forEach(name -> problems.add("unknown variable {{" + name + "}}: no such column"));
      emptyVariables.forEach(name -> problems.add("variable {{" + name + "}} is empty in the sample row"));
      unknownSections.forEach(name -> problems.add("{{llm:" + name + "}} names no section of the template"));
      unusedSections.forEach(name -> problems.add("section " + name + " is never shown in the body"));
      return problems;
    }
  }

  private TemplateRenderer() {}

  /** Row variables a text refers to (section references excluded), in order of first use. */
  public static Set<String> variables(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!matcher.group(1).startsWith(SECTION_PREFIX)) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** Every row variable of a version: its body and all its prompts. */
  public static Set<String> variables(TemplateVersion version) {
    Set<String> names = new LinkedHashSet<>(variables(version.body()));
    version.sections().forEach(section -> names.addAll(variables(section.prompt())));
    return names;
  }

  static Set<String> sectionReferences(String body) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(body);
    while (matcher.find()) {
      if (matcher.group(1).startsWith(SECTION_PREFIX)) {
        names.add(matcher.group(1).substring(SECTION_PREFIX.length()));
      }
    }
    return names;
  }

  /** Plain substitution (prompts, Markdown bodies). */
  public static Rendered render(String text, Map<String, String> values) {
    return render(text, values, false);
  }

  /**
   * @param escapeHtml HTML bodies: values are escaped, so a row or an LLM answer cannot add markup
   */
  public static Rendered render(String text, Map<String, String> values, boolean escapeHtml) {
    Set<String> unresolved = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 256);
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        unresolved.add(name);
        matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
      } else {
        matcher.appendReplacement(out, Matcher.quoteReplacement(escapeHtml ? HtmlUtils.htmlEscape(value) : value));
      }
    }
    matcher.appendTail(out);
    return new Rendered(out.toString(), unresolved);
  }

  /** The document of a row: the body with the row's values and the sections' outputs. */
  public static Rendered document(TemplateVersion version, Map<String, String> row, Map<String, String> sections) {
    Map<String, String> values = new java.util.HashMap<>(row);
    sections.forEach((name, output) -> values.put(SECTION_PREFIX + name, output));
    return render(version.body(), values, version.bodyFormat() == TemplateVersion.BodyFormat.HTML);
  }

  public static Preview preview(TemplateVersion version, Map<String, String> sampleRow) {
    Set<String> unknown = new LinkedHashSet<>();
    Set<String> empty = new LinkedHashSet<>();
    for (String name : variables(version)) {
      if (!sampleRow.containsKey(name)) {
        unknown.add(name);
      } else if (sampleRow.get(name) == null || sampleRow.get(name).isBlank()) {
        empty.add(name);
      }
    }
    Set<String> referenced = sectionReferences(version.body());
    Set<String> unknownSections = new LinkedHashSet<>();
    Map<String, String> placeholders = new java.util.HashMap<>(sampleRow);
    for (String name : referenced) {
      if (version.section(name).isEmpty()) {
        unknownSections.add(name);
      } else {
        placeholders.put(SECTION_PREFIX + name, "[" + name + ": generated by the LLM]");
      }
    }
    Set<String> unused = new LinkedHashSet<>();
    Map<String, String> prompts = new java.util.LinkedHashMap<>();
    for (TemplateSection section : version.sections()) {
      if (!referenced.contains(section.name())) {
        unused.add(section.name());
      }
      prompts.put(section.name(), render(section.prompt(), sampleRow).text());
    }
    String body = render(version.body(), placeholders,
        version.bodyFormat() == TemplateVersion.BodyFormat.HTML).text();
    return new Preview(body, prompts, unknown, empty, unknownSections, unused);
  }
}
