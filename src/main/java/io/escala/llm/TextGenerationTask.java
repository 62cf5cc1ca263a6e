package io.escala.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A prompt from {@code prompts/} applied to some process variables. The answer must be non-blank, fit in
 * {@code maxChars} and carry no links: links in customer mail come only from our templates.
 */
public record TextGenerationTask(
    String id, String instructions, Map<String, Object> input, int maxChars, String fallbackText)
    implements StructuredTask<GeneratedText> {

  private static final Pattern REDACTION_PLACEHOLDER = Pattern.compile("\\[(?:email|phone|id)]");

  public TextGenerationTask {
    input = Map.copyOf(input);
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be positive");
    }
  }

  @Override
  public Class<GeneratedText> outputType() {
    return GeneratedText.class;
  }

  /** Messages name the rule broken, never the text: they are logged. */
  @Override
  public List<String> validate(GeneratedText output) {
    List<String> problems = new ArrayList<>();
    String text = output.text();
    if (text == null || text.isBlank()) {
      problems.add("text is blank");
      return problems;
    }
    if (text.length() > maxChars) {
      problems.add("text has " + text.length() + " characters, more than " + maxChars);
    }
    if (!linkPolicy().allows(text)) {
      problems.add("text contains a link");
    }
    if (REDACTION_PLACEHOLDER.matcher(text).find()) {
      problems.add("text contains a redaction placeholder");
    }
    return problems;
  }

  @Override
  public GeneratedText fallback() {
    return new GeneratedText(fallbackText);
  }
}
