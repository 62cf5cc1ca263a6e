package io.escala.onboarding;

import io.escala.platform.LocaleConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The language the customer-success team works in ({@code escala.onboarding.success-language}, es, pt-BR or en):
 * Tasklist forms are not translated per user, so the diagram picks the team's form,
 * {@code camunda:formRef="onboarding-success-call-${successTeam.formLanguage}"}.
 */
@Component("successTeam")
public class SuccessTeam {

  private final String formLanguage;

  public SuccessTeam(@Value("${escala.onboarding.success-language:es}") String language) {
    this.formLanguage = LocaleConfiguration.supported(language).toLanguageTag();
  }

  public String getFormLanguage() {
    return formLanguage;
  }
}
