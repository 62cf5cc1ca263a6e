package io.escala.llm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instructions for the model and the deterministic fallback text, whose {@code ${name}} placeholders are filled
 * from the step's input variables.
 */
public record Prompt(String id, String instructions, String fallbackTemplate) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /**
   * @throws IllegalArgumentException when the template names a variable the step does not pass: a modelling error
   *     that should become a visible incident, not a "${firstName}" in a customer's e-mail
   */
  public String fallbackText(Map<String, ?> values) {
    Matcher placeholder = PLACEHOLDER.matcher(fallbackTemplate);
    StringBuilder text = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("Fallback of prompt '" + id + "' uses ${" + name
            + "}, which is not in the step's inputVariables " + values.keySet());
      }
      Object value = values.get(name);
      placeholder.appendReplacement(text, Matcher.quoteReplacement(value == null ? "" : value.toString()));
    }
    placeholder.appendTail(text);
    return text.toString();
  }
}
