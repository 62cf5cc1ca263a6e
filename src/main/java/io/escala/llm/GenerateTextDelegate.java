package io.escala.llm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generic LLM step, configured in the Modeler (element template {@code io.escala.generateText}) with input
 * parameters: {@code promptId} and {@code outputVariable} (required), {@code inputVariables} (comma-separated process
 * variables given to the model as data) and {@code maxChars} (default 1200). Sets {@code <outputVariable>} and
 * {@code <outputVariable>GeneratedBy} ({@code llm} or {@code fallback}).
 */
@Component("generateText")
class GenerateTextDelegate implements JavaDelegate {

  static final int DEFAULT_MAX_CHARS = 1200;

  private final TextGenerator textGenerator;

  GenerateTextDelegate(TextGenerator textGenerator) {
    this.textGenerator = textGenerator;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String promptId = requiredParameter(execution, "promptId");
    String outputVariable = requiredParameter(execution, "outputVariable");
    int maxChars = maxChars(execution.getVariableLocal("maxChars"));

    Map<String, Object> variables = new LinkedHashMap<>();
    for (String name : inputVariableNames(execution.getVariableLocal("inputVariables"))) {
      variables.put(name, execution.getVariable(name));
    }

    Generated<GeneratedText> generated =
        textGenerator.generate(promptId, variables, maxChars, execution.getProcessInstanceId());

    execution.setVariable(outputVariable, generated.value().text());
    execution.setVariable(outputVariable + "GeneratedBy", generated.generatedBy());
  }

  private static String requiredParameter(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("generateText step '" + execution.getCurrentActivityId()
          + "' needs the input parameter '" + name + "'");
    }
    return value.toString().strip();
  }

  private static List<String> inputVariableNames(Object parameter) {
    if (parameter == null) {
      return List.of();
    }
    return Arrays.stream(parameter.toString().split(","))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .distinct()
        .toList();
  }

  private static int maxChars(Object parameter) {
    if (parameter == null || parameter.toString().isBlank()) {
      return DEFAULT_MAX_CHARS;
    }
    try {
      int maxChars = parameter instanceof Number number
          ? number.intValue()
          : Integer.parseInt(parameter.toString().strip());
      if (maxChars < 1) {
        throw new IllegalArgumentException("maxChars must be positive, was " + parameter);
      }
      return maxChars;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("maxChars must be a whole number, was '" + parameter + "'", e);
    }
  }
}
