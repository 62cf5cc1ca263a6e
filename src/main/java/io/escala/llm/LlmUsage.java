package io.escala.llm;

/** Totals of the recorded calls for one task id. */
public record LlmUsage(String taskId, long calls, long promptTokens, long completionTokens) {

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
