package io.escala.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Erase signup data": the person never confirmed; nothing of theirs stays (see {@link ErasureSweep}). */
@Component("eraseSignup")
class EraseSignupDelegate implements JavaDelegate {

  private final OnboardingCaseService cases;

  EraseSignupDelegate(OnboardingCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.erase((String) execution.getVariable("signupId"));
  }
}
