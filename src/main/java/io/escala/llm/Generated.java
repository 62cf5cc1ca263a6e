package io.escala.llm;

/** An answer and where it came from: {@code generatedBy} is {@code llm} or {@code fallback}. */
public record Generated<T>(T value, String generatedBy, String model) {

  public static final String BY_LLM = "llm";
  public static final String BY_FALLBACK = "fallback";

  public boolean isFallback() {
    return BY_FALLBACK.equals(generatedBy);
  }
}
