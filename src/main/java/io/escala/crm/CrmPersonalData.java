package io.escala.crm;

import io.escala.platform.PersonalDataHolder;
import org.springframework.stereotype.Component;

/** The person's CRM contact with its activities and deals, in whichever CRM is configured. */
@Component
class CrmPersonalData implements PersonalDataHolder {

  private final Crm crm;

  CrmPersonalData(Crm crm) {
    this.crm = crm;
  }

  @Override
  public void erase(String normalizedEmail) {
    crm.deleteContact(normalizedEmail);
  }
}
