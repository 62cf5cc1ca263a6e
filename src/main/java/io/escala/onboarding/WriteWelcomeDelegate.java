package io.escala.onboarding;

import io.escala.llm.Generated;
import io.escala.onboarding.WelcomeMessageTask.WelcomeMessage;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.springframework.stereotype.Component;

/** "Write personal welcome (LLM)": sets welcomeIntro, welcomeTips and welcomeGeneratedBy (llm / fallback). */
@Component("writeWelcome")
class WriteWelcomeDelegate implements JavaDelegate {

  private final OnboardingCaseService cases;

  WriteWelcomeDelegate(OnboardingCaseService cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Generated<WelcomeMessage> welcome =
        cases.writeWelcome((String) execution.getVariable("signupId"), execution.getProcessInstanceId());
    execution.setVariable("welcomeIntro", welcome.value().intro());
    execution.setVariable("welcomeTips", Variables.objectValue(new ArrayList<>(welcome.value().tips()))
        .serializationDataFormat(SerializationDataFormats.JSON).create());
    execution.setVariable("welcomeGeneratedBy", welcome.generatedBy());
  }
}
