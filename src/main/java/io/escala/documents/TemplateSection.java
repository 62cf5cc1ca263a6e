package io.escala.documents;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An LLM section of a template version: the prompt (with {{variables}} of the row), the token limit, and the
 * constraints its output is checked against ({@link DocumentChecks}).
 *
 * @param minLength characters, {@code null}: no lower bound
 * @param maxLength characters, {@code null}: no upper bound
 * @param language ISO 639-1 code the output must be written in ({@code es}, {@code pt}, {@code en}), {@code null}: any
 * @param jsonSchema a JSON schema the output must satisfy (the section is then structured JSON), {@code null}: text
 */
public record TemplateSection(String name, String prompt, int maxTokens, Integer minLength, Integer maxLength,
    String language, List<String> requiredTerms, List<String> forbiddenTerms, String jsonSchema) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");

  public TemplateSection {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a section name is lower case letters, digits and _: " + name);
    }
    if (prompt == null || prompt.isBlank()) {
      throw new IllegalArgumentException("section " + name + " has no prompt");
    }
    if (maxTokens < 1 || maxTokens > 32_000) {
      throw new IllegalArgumentException("section " + name + ": max tokens between 1 and 32000");
    }
    if (minLength != null && maxLength != null && minLength > maxLength) {
      throw new IllegalArgumentException("section " + name + ": min length above max length");
    }
    requiredTerms = requiredTerms == null ? List.of() : List.copyOf(requiredTerms);
    forbiddenTerms = forbiddenTerms == null ? List.of() : List.copyOf(forbiddenTerms);
    language = language == null || language.isBlank() ? null : language.strip();
    jsonSchema = jsonSchema == null || jsonSchema.isBlank() ? null : jsonSchema;
    if (jsonSchema != null && !isJsonObject(jsonSchema)) {
      throw new IllegalArgumentException("section " + name + ": the JSON schema is not a JSON object");
    }
  }

  private static boolean isJsonObject(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).isObject();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  /** A plain text section with no constraints but its token limit. */
  public static TemplateSection text(String name, String prompt, int maxTokens) {
    return new TemplateSection(name, prompt, maxTokens, null, null, null, List.of(), List.of(), null);
  }

  public boolean structured() {
    return jsonSchema != null;
  }
}
