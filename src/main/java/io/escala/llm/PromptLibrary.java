package io.escala.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Prompts shipped in the jar: {@code prompts/<id>.txt} (instructions) and {@code prompts/<id>.fallback.txt}. */
@Component
public class PromptLibrary {

  /** Ids come from BPMN input parameters; restricting them keeps a typo from reading anything outside prompts/. */
  private static final Pattern PROMPT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*+(?:\\.[A-Za-z0-9_-]++)*+");

  private final Map<String, Prompt> loaded = new ConcurrentHashMap<>();

  /** @throws IllegalArgumentException for an unknown or malformed id, so the job becomes an incident */
  public Prompt prompt(String promptId) {
    if (promptId == null || !PROMPT_ID.matcher(promptId).matches() || promptId.length() > 100) {
      throw new IllegalArgumentException("Invalid promptId '" + promptId + "': use letters, digits, '-', '_', '.'");
    }
    return loaded.computeIfAbsent(promptId,
        id -> new Prompt(id, read("prompts/" + id + ".txt"), read("prompts/" + id + ".fallback.txt")));
  }

  private static String read(String path) {
    ClassPathResource resource = new ClassPathResource(path);
    if (!resource.exists()) {
      throw new IllegalArgumentException("No prompt file " + path + " on the classpath (src/main/resources/" + path
          + ")");
    }
    try (InputStream in = resource.getInputStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException("Prompt file " + path + " is empty");
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }
}
