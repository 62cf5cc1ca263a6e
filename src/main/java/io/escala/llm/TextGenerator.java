package io.escala.llm;

import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Runs a prompt from {@link PromptLibrary} over some process variables; the work behind {@code generateText}. */
@Service
public class TextGenerator {

  private final LanguageModel languageModel;
  private final PromptLibrary prompts;
  private final PersonalDataRedactor redactor;

  public TextGenerator(LanguageModel languageModel, PromptLibrary prompts, PersonalDataRedactor redactor) {
    this.languageModel = languageModel;
    this.prompts = prompts;
    this.redactor = redactor;
  }

  /**
   * @param variables the values named by the step; given to the model as data (text redacted), and, unredacted,
   *     to the fallback template, which stays on our side
   */
  public Generated<GeneratedText> generate(String promptId, Map<String, ?> variables, int maxChars,
      String correlationId) {
    Prompt prompt = prompts.prompt(promptId);
    // Rendered up front so a broken template fails now, not only on the day the model is down.
    String fallbackText = prompt.fallbackText(variables);
    Map<String, Object> input = new LinkedHashMap<>();
    variables.forEach((name, value) -> input.put(name, asModelInput(value)));
    return languageModel.generate(
        new TextGenerationTask(prompt.id(), prompt.instructions(), input, maxChars, fallbackText), correlationId);
  }

  /** Numbers and booleans as they are; everything else as redacted text (a JSON variable becomes its JSON). */
  private Object asModelInput(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Date || value instanceof TemporalAccessor) {
      return value.toString();
    }
    return redactor.redact(value.toString());
  }
}
