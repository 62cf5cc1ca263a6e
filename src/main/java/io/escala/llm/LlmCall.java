package io.escala.llm;

/** One row of {@code llm_usage}: a {@link LanguageModel#generate} call, tokens summed over its attempts. */
public record LlmCall(
    String taskId,
    String correlationId,
    String model,
    String generatedBy,
    int attempts,
    long promptTokens,
    long completionTokens,
    LlmCallOutcome outcome) {}
