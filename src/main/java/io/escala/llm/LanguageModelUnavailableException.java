package io.escala.llm;

/**
 * The model gave no usable answer and fallback is switched off. Thrown out of the delegate so the Camunda job is
 * retried and, when its retries run out, becomes an incident.
 */
public class LanguageModelUnavailableException extends RuntimeException {

  public LanguageModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
