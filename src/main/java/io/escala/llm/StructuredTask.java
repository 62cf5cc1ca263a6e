package io.escala.llm;

import java.util.List;
import java.util.Map;

/**
 * One job for the language model with a typed answer.
 *
 * <p>Customer text goes only into {@link #input()}: it is sent as a JSON document in a delimited user message and
 * the instructions tell the model to treat it as data. The answer is parsed into {@link #outputType()} (a record whose
 * JSON schema is sent as the response format) and checked by {@link #validate} and {@link #linkPolicy()}; an answer
 * that fails either is rejected.
 */
public interface StructuredTask<T> {

  /** Stable id, used for usage records and logs, e.g. {@code onboarding.welcome}. */
  String id();

  /** The system instructions. Never contains customer text. */
  String instructions();

  /** The data the model works on; customer text already minimised and redacted by the caller. */
  Map<String, Object> input();

  Class<T> outputType();

  /** Problems with an answer that parsed; empty when it can be used. */
  List<String> validate(T output);

  /** Deterministic, template-based answer used offline or when the model keeps failing. */
  T fallback();

  /**
   * Which links the answer's text may carry. Checked by the language model on every answer (one that breaks it is
   * rejected like a schema failure) and applied to the fallback (forbidden links become {@code [link]}).
   */
  default LinkPolicy linkPolicy() {
    return LinkPolicy.NO_LINKS;
  }
}
