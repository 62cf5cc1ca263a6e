package io.escala.onboarding;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.springframework.stereotype.Component;

/**
 * "Check setup progress": copies the checklist state from Escala's table into the case, for the gateway, the
 * reminder e-mails and the success-call form.
 */
@Component("loadSetupProgress")
class LoadSetupProgressDelegate implements JavaDelegate {

  private final OnboardingCaseService cases;

  LoadSetupProgressDelegate(OnboardingCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SetupProgress progress = cases.progress((String) execution.getVariable("signupId"));
    execution.setVariable("stepsDone", progress.done().size());
    execution.setVariable("stepsTotal", progress.total());
    execution.setVariable("allStepsDone", progress.complete());
    execution.setVariable("openSteps", Variables.objectValue(new ArrayList<>(progress.open()))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
    execution.setVariable("progressSummary", progress.done().size() + " / " + progress.total());
    execution.setVariable("openStepsSummary", cases.describeSteps(progress.open(),
        io.escala.platform.LocaleConfiguration.SPANISH));
  }
}
