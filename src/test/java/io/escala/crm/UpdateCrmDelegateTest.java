package io.escala.crm;

import io.escala.mail.CaseContacts;
import io.escala.mail.Recipient;
import io.escala.mail.RecipientDirectory;
import io.escala.mail.RecipientDirectory.Contact;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class UpdateCrmDelegateTest {

  private final Crm crm = mock(Crm.class);
  private final DelegateExecution execution = mock(DelegateExecution.class);
  private final Map<String, Contact> people = new HashMap<>();
  private final UpdateCrmDelegate delegate = new UpdateCrmDelegate(crm, new CaseContacts(List.of(
      new RecipientDirectory() {
        @Override
        public String processKey() {
          return "customer-onboarding";
        }

        @Override
        public Optional<Contact> contactFor(String businessKey) {
          return Optional.ofNullable(people.get(businessKey));
        }
      })));

  @BeforeEach
  void aRunningServiceTask() {
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getCurrentActivityId()).thenReturn("MarkAsLead");
    when(execution.getId()).thenReturn("ex-7");
    when(execution.getProcessDefinitionId()).thenReturn("customer-onboarding:3:pd-1");
    ProcessEngineServices services = mock(ProcessEngineServices.class);
    RepositoryService repository = mock(RepositoryService.class);
    ProcessDefinition definition = mock(ProcessDefinition.class);
    when(execution.getProcessEngineServices()).thenReturn(services);
    when(services.getRepositoryService()).thenReturn(repository);
    when(repository.getProcessDefinition("customer-onboarding:3:pd-1")).thenReturn(definition);
    when(definition.getKey()).thenReturn("customer-onboarding");
    when(crm.upsertContact(any())).thenReturn(new CrmContact("501", "ana@example.com", LifecycleStage.LEAD));
    when(execution.getProcessBusinessKey()).thenReturn("signup-1");
  }

  private void theCaseIsAbout(String email, String name, Locale locale, Map<String, Object> model) {
    people.put("signup-1", new Contact(new Recipient(email, name), locale, model));
  }

  @Test
  void upsertsTheCasesContactFromTheFlowsTablesAndLogsTheActivityOnce() throws Exception {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");
    when(execution.getVariableLocal("activity")).thenReturn("Signed up for the free trial");
    theCaseIsAbout(" Ana@Example.com ", "Ana Maria Souza", Locale.forLanguageTag("pt-BR"),
        Map.of("company", "Acme Ltda", "country", "BR"));
    // What staff may have set on the case changes nothing.
    when(execution.getVariable("email")).thenReturn("someone-else@example.com");
    when(execution.getVariable("company")).thenReturn("Other Inc");

    delegate.execute(execution);

    verify(crm).upsertContact(new ContactData(
        "Ana@Example.com", "Ana", "Maria Souza", "Acme Ltda", "BR", "pt-BR", LifecycleStage.LEAD,
        "customer-onboarding"));
    verify(crm).logActivity(
        "ana@example.com", "pi-1:MarkAsLead:ex-7:ana@example.com", "note", "Signed up for the free trial");
    verify(execution).setVariable("crmContactId", "501");
  }

  @Test
  void keepsAnExplicitSourceAndLeavesOutWhatTheFlowDoesNotKnow() throws Exception {
    when(execution.getVariableLocal("stage")).thenReturn("marketing_qualified");
    theCaseIsAbout("ana@example.com", "Ana", null, Map.of());
    when(execution.getVariable("source")).thenReturn("webinar-2025-03");

    delegate.execute(execution);

    ArgumentCaptor<ContactData> sent = ArgumentCaptor.forClass(ContactData.class);
    verify(crm).upsertContact(sent.capture());
    assertThat(sent.getValue()).isEqualTo(new ContactData(
        "ana@example.com", "Ana", null, null, null, null, LifecycleStage.MARKETING_QUALIFIED, "webinar-2025-03"));
    verify(crm, never()).logActivity(anyString(), anyString(), anyString(), anyString());
    verify(execution).setVariable("crmContactId", "501");
  }

  @Test
  void withoutAStageNothingIsWritten() {
    theCaseIsAbout("ana@example.com", "Ana", null, Map.of());

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'stage'");
    verifyNoInteractions(crm);
  }

  @Test
  void anUnknownStageNamesTheValidOnes() {
    when(execution.getVariableLocal("stage")).thenReturn("HOT");
    theCaseIsAbout("ana@example.com", "Ana", null, Map.of());

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HOT")
        .hasMessageContaining("MARKETING_QUALIFIED");
    verifyNoInteractions(crm);
  }

  @Test
  void aCaseWithoutAContactWritesNothing() {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");
    when(execution.getVariable("email")).thenReturn("ana@example.com");

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no contact for case 'signup-1'");
    verifyNoInteractions(crm);
  }

  @Test
  void aNameIsSplitAtTheFirstSpace() {
    assertThat(UpdateCrmDelegate.PersonName.split("Ana Maria Souza"))
        .isEqualTo(new UpdateCrmDelegate.PersonName("Ana", "Maria Souza"));
    assertThat(UpdateCrmDelegate.PersonName.split("Ana")).isEqualTo(new UpdateCrmDelegate.PersonName("Ana", null));
    assertThat(UpdateCrmDelegate.PersonName.split(null)).isEqualTo(new UpdateCrmDelegate.PersonName(null, null));
  }

  @Test
  void aRefusedContactIsTheDiagramsBusinessWhereItModelsItAndAnIncidentOtherwise() {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");
    theCaseIsAbout("ana@example", "Ana", null, Map.of());
    when(crm.upsertContact(any())).thenThrow(new CrmRejectedException(400, "Property values were not valid"));

    when(execution.getBpmnModelElementInstance()).thenReturn(withRefusalBoundary("crm-contact-refused"));
    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(org.camunda.bpm.engine.delegate.BpmnError.class)
        .hasFieldOrPropertyWithValue("errorCode", "crm-contact-refused");

    when(execution.getBpmnModelElementInstance()).thenReturn(withRefusalBoundary("some-other-code"));
    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(io.escala.platform.NonRetryableException.class)
        .hasMessageContaining("crm-contact-refused").hasMessageContaining("Property values were not valid");
  }

  @Test
  void refusedCredentialsAreAnIncidentAtOnceNeverABusinessOutcome() {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");
    theCaseIsAbout("ana@example.com", "Ana", null, Map.of());
    when(crm.upsertContact(any())).thenThrow(new CrmRejectedException(401, "expired token"));
    when(execution.getBpmnModelElementInstance()).thenReturn(withRefusalBoundary("crm-contact-refused"));

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(io.escala.platform.NonRetryableException.class).hasMessageContaining("credentials");
  }

  /** A service task MarkAsLead with an error boundary event catching {@code code}. */
  private static org.camunda.bpm.model.bpmn.instance.FlowElement withRefusalBoundary(String code) {
    org.camunda.bpm.model.bpmn.BpmnModelInstance model = org.camunda.bpm.model.bpmn.Bpmn
        .createExecutableProcess("p").startEvent()
        .serviceTask("MarkAsLead").camundaDelegateExpression("${updateCrm}")
        .boundaryEvent("Refused").error(code).endEvent()
        .moveToActivity("MarkAsLead").endEvent().done();
    return model.getModelElementById("MarkAsLead");
  }
}
