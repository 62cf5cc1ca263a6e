package io.escala.leads;

import io.escala.mail.Recipient;
import io.escala.mail.RecipientDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The lead a case is about, from the lead table (the business key is the normalized address): the generic steps
 * (the CRM update) take the address, name and language from here, never from process variables.
 */
@Component
class LeadRecipients implements RecipientDirectory {

  private final LeadRepository leads;

  LeadRecipients(LeadRepository leads) {
    this.leads = leads;
  }

  @Override
  public String processKey() {
    return LeadProcess.KEY;
  }

  @Override
  public Optional<Contact> contactFor(String businessKey) {
    return leads.find(businessKey).map(lead -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("name", lead.name());
      if (lead.company() != null) {
        model.put("company", lead.company());
      }
      if (lead.country() != null) {
        model.put("country", lead.country());
      }
      return new Contact(new Recipient(lead.email(), lead.name()), lead.language(), model);
    });
  }
}
