package io.escala.onboarding;

import io.escala.llm.Generated;
import io.escala.onboarding.OnboardingSummaryTask.CallBrief;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Summarize onboarding for the call (LLM)": refreshes the progress, writes the brief for the success form and the
 * task's due date; starts {@code callNotes} empty so the CRM note can always refer to it.
 */
@Component("summarizeOnboarding")
class SummarizeOnboardingDelegate implements JavaDelegate {

  private final OnboardingCaseService cases;
  private final LoadSetupProgressDelegate progress;

  SummarizeOnboardingDelegate(OnboardingCaseService cases, LoadSetupProgressDelegate progress) {
    this.cases = cases;
    this.progress = progress;
  }

  @Override
  public void execute(DelegateExecution execution) {
    progress.execute(execution);
    Generated<CallBrief> brief =
        cases.briefForSuccessCall((String) execution.getVariable("signupId"), execution.getProcessInstanceId());
    execution.setVariable("successSummary", brief.value().summary());
    execution.setVariable("suggestedOutcome", brief.value().suggestedOutcome());
    execution.setVariable("successSummaryGeneratedBy", brief.generatedBy());
    execution.setVariable("successCallDue", cases.successCallDue());
    execution.setVariable("callNotes", "");
  }
}
