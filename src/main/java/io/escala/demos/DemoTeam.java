package io.escala.demos;

import org.springframework.stereotype.Component;

/**
 * The language the reps work in ({@code escala.demos.staff-language}): the invites and reminders they get and their
 * Tasklist forms, {@code camunda:formRef="demo-outcome-${demoTeam.formLanguage}"} (Tasklist forms are not translated
 * per user).
 */
@Component("demoTeam")
public class DemoTeam {

  private final String formLanguage;

  public DemoTeam(DemoProperties properties) {
    this.formLanguage = properties.staffLanguage().toLanguageTag();
  }

  public String getFormLanguage() {
    return formLanguage;
  }
}
