package io.escala.llm;

import io.escala.platform.PersonalDataHolder;
import org.springframework.stereotype.Component;

/** Answers the LLM gave for a person's cases and that are still cached (a step that never completed). */
@Component
class LlmPersonalData implements PersonalDataHolder {

  private final LlmAnswerCache answers;

  LlmPersonalData(LlmAnswerCache answers) {
    this.answers = answers;
  }

  @Override
  public void erase(String normalizedEmail) {
    // kept per case, see eraseCase
  }

  @Override
  public void eraseCase(String processInstanceId) {
    answers.forgetCase(processInstanceId);
  }
}
