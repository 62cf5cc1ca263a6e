package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.springframework.stereotype.Component;

/**
 * The automatic checks of a generated document. Each failure is a {@link CheckResult} with its reason; a document
 * with none passed. Per section: length bounds, required and forbidden terms, language (optimaize language-detector),
 * JSON schema (networknt) for structured sections. Per document: placeholders left unresolved, and distinctive values
 * of another row of the batch ({@link LeakIndex}).
 */
@Component
public class DocumentChecks {

  /** Below this many letters the detector's answer is a guess: the language check is not made. */
  static final int MIN_LANGUAGE_CHARS = 40;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Loaded on first use: the profiles take a second and some memory, and many nodes never check a language. */
  private volatile LanguageDetector detector;
  private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();
  private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private LanguageDetector detector() {
    LanguageDetector loaded = detector;
    if (loaded == null) {
      synchronized (this) {
        if (detector == null) {
          try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                .build();
          } catch (IOException e) {
            throw new UncheckedIOException("language profiles of language-detector not readable", e);
          }
        }
        loaded = detector;
      }
    }
    return loaded;
  }

  public List<CheckResult> section(TemplateSection section, String output) {
    List<CheckResult> failures = new ArrayList<>();
    String name = section.name();
    String text = output == null ? "" : output.strip();
    if (section.minLength() != null && text.length() < section.minLength()) {
      failures.add(new CheckResult("length", name, text.length() + " characters, at least " + section.minLength()
          + " expected"));
    }
    if (section.maxLength() != null && text.length() > section.maxLength()) {
      failures.add(new CheckResult("length", name, text.length() + " characters, at most " + section.maxLength()
          + " expected"));
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String term : section.requiredTerms()) {
      if (!lower.contains(term.toLowerCase(Locale.ROOT))) {
        failures.add(new CheckResult("required-term", name, "\"" + term + "\" is missing"));
      }
    }
    for (String term : section.forbiddenTerms()) {
      if (lower.contains(term.toLowerCase(Locale.ROOT))) {
        failures.add(new CheckResult("forbidden-term", name, "\"" + term + "\" is present"));
      }
    }
    JsonNode json = null;
    if (section.structured()) {
      try {
        json = JSON.readTree(text);
        List<com.networknt.schema.Error> errors = schema(section.jsonSchema()).validate(json);
        errors.stream().limit(3).forEach(error ->
            failures.add(new CheckResult("json-schema", name, error.getMessage())));
      } catch (JsonProcessingException e) {
        failures.add(new CheckResult("json-schema", name, "not JSON"));
      }
    }
    if (section.language() != null) {
      language(section, json == null ? text : prose(json)).ifPresent(failures::add);
    }
    return failures;
  }

  /** The whole document: placeholders left over, another row's data. */
  public List<CheckResult> document(String document, int line, LeakIndex leaks) {
    List<CheckResult> failures = new ArrayList<>();
    Matcher leftover = TemplateRenderer.LEFTOVER.matcher(document);
    List<String> placeholders = new ArrayList<>();
    while (leftover.find() && placeholders.size() < 5) {
      placeholders.add(leftover.group());
    }
    if (!placeholders.isEmpty()) {
      failures.add(new CheckResult("unresolved-placeholder", null, String.join(" ", placeholders)));
    }
    for (LeakIndex.Leak leak : leaks.leaksInto(document, line)) {
      failures.add(new CheckResult("other-row-data", null, "\"" + leak.value() + "\" belongs to line " + leak.line()));
    }
    return failures;
  }

  /** The detected language (ISO 639-1), if the detector is confident. */
  public java.util.Optional<String> detectLanguage(String text) {
    com.google.common.base.Optional<LdLocale> detected = detector().detect(texts.forText(text));
    return detected.isPresent() ? java.util.Optional.of(detected.get().getLanguage()) : java.util.Optional.empty();
  }

  private java.util.Optional<CheckResult> language(TemplateSection section, String text) {
    String expected = section.language().toLowerCase(Locale.ROOT).split("[-_]")[0];
    long letters = text.chars().filter(Character::isLetter).count();
    if (letters < MIN_LANGUAGE_CHARS) {
      return java.util.Optional.empty();
    }
    java.util.Optional<String> detected = detectLanguage(text);
    if (detected.isEmpty()) {
      return java.util.Optional.of(new CheckResult("language", section.name(),
          "language not recognised, " + expected + " expected"));
    }
    if (!detected.get().equals(expected)) {
      return java.util.Optional.of(new CheckResult("language", section.name(),
          "written in " + detected.get() + ", " + expected + " expected"));
    }
    return java.util.Optional.empty();
  }

  private Schema schema(String json) {
    return compiled.computeIfAbsent(json, schemas::getSchema);
  }

  /** The string values of a JSON answer, for the language check. */
  private static String prose(JsonNode json) {
    StringBuilder text = new StringBuilder();
    collect(json, text);
    return text.toString();
  }

  private static void collect(JsonNode node, StringBuilder text) {
    if (node.isTextual()) {
      text.append(node.asText()).append(". ");
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, text));
    }
  }
}
