package io.escala.llm;

/** The LLM port. Implementations record usage and never return an answer that failed validation. */
public interface LanguageModel {

  /**
   * @param correlationId ties the call to a case (usually the process instance id), for usage records
   */
  <T> Generated<T> generate(StructuredTask<T> task, String correlationId);
}
