package io.escala.onboarding;

import io.escala.platform.CaseErasure;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Erase signup data": the person never confirmed; nothing of theirs stays. The case's own history (name and e-mail
 * in variables) is deleted once it has ended ({@link CaseErasure#eraseHistoryWhenEnded}).
 */
@Component("eraseSignup")
class EraseSignupDelegate implements JavaDelegate {

  private final OnboardingCaseService cases;
  private final CaseErasure erasure;

  EraseSignupDelegate(OnboardingCaseService cases, CaseErasure erasure) {
    this.cases = cases;
    this.erasure = erasure;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.erase((String) execution.getVariable("signupId"));
    erasure.eraseHistoryWhenEnded(execution);
  }
}
