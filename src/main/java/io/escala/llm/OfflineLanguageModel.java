package io.escala.llm;

/** Used when no API key is configured: every task gets its deterministic template answer, nothing leaves the box. */
public class OfflineLanguageModel implements LanguageModel {

  static final String MODEL = "offline";

  private final LlmUsageLog usageLog;

  public OfflineLanguageModel(LlmUsageLog usageLog) {
    this.usageLog = usageLog;
  }

  @Override
  public <T> Generated<T> generate(StructuredTask<T> task, String correlationId) {
    // The fallback can carry customer words (a need, a name): the same link rule as for the model's answers.
    T fallback = task.linkPolicy().withoutLinks(task.fallback());
    usageLog.record(new LlmCall(task.id(), correlationId, MODEL, Generated.BY_FALLBACK, 0, 0, 0,
        LlmCallOutcome.OFFLINE));
    return new Generated<>(fallback, Generated.BY_FALLBACK, MODEL);
  }
}
