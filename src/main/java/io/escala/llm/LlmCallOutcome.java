package io.escala.llm;

/** How one {@link LanguageModel#generate} call ended, as stored in {@code llm_usage.outcome}. */
public enum LlmCallOutcome {
  /** A validated answer from the model. */
  OK,
  /** Every attempt answered outside the schema or failed validation; the fallback was used (or an exception thrown). */
  INVALID_ANSWER,
  /** The API stayed unreachable or kept failing after the client's retries. */
  FAILED,
  /** No API key configured: template text without any HTTP call. */
  OFFLINE,
  /** A retried job got the answer its earlier attempt paid for ({@code llm_answer}): no HTTP call, no tokens. */
  CACHED
}
