package io.escala.leads;

import io.escala.platform.KnownContacts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * What lead nurturing knows about a person, for the other flows: the sales owner its case assigned (newest case
 * first), the phone consent of the profile and whether they unsubscribed.
 */
@Component
class LeadKnownContacts implements KnownContacts {

  private final LeadRepository leads;
  private final HistoryService history;

  LeadKnownContacts(LeadRepository leads, HistoryService history) {
    this.leads = leads;
    this.history = history;
  }

  @Override
  public Optional<KnownContact> find(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    String key = email.strip().toLowerCase(Locale.ROOT);
    return leads.find(key).map(lead -> new KnownContact(lead.email(), lead.name(), lead.company(), salesOwner(key),
        lead.consentPhone(), leads.unsubscribedAt(key).isPresent()));
  }

  private String salesOwner(String leadKey) {
    List<String> cases = history.createHistoricProcessInstanceQuery().processDefinitionKey(LeadProcess.KEY)
        .processInstanceBusinessKey(leadKey).orderByProcessInstanceStartTime().desc().list().stream()
        .map(HistoricProcessInstance::getId).toList();
    for (String caseId : cases) {
      HistoricVariableInstance owner = history.createHistoricVariableInstanceQuery().processInstanceId(caseId)
          .variableName("salesOwner").singleResult();
      if (owner != null && owner.getValue() instanceof String user && !user.isBlank()) {
        return user;
      }
    }
    return null;
  }
}
