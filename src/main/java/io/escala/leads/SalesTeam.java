package io.escala.leads;

import org.springframework.stereotype.Component;

/**
 * The language the sales team works in ({@code escala.leads.sales.language}): score reasons, CRM notes and the task
 * forms, {@code camunda:formRef="lead-qualify-${salesTeam.formLanguage}"} (Tasklist forms are not translated per
 * user).
 */
@Component("salesTeam")
public class SalesTeam {

  private final String formLanguage;

  public SalesTeam(LeadSalesProperties sales) {
    this.formLanguage = sales.language().toLanguageTag();
  }

  public String getFormLanguage() {
    return formLanguage;
  }
}
