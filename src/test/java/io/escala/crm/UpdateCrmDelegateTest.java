package io.escala.crm;

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
  private final UpdateCrmDelegate delegate = new UpdateCrmDelegate(crm);

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
  }

  @Test
  void upsertsTheContactFromTheProcessVariablesAndLogsTheActivityOnce() throws Exception {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");
    when(execution.getVariableLocal("activity")).thenReturn("Signed up for the free trial");
    when(execution.getVariable("email")).thenReturn(" Ana@Example.com ");
    when(execution.getVariable("name")).thenReturn("Ana Maria Souza");
    when(execution.getVariable("company")).thenReturn("Acme Ltda");
    when(execution.getVariable("country")).thenReturn("BR");
    when(execution.getVariable("locale")).thenReturn("pt_BR");

    delegate.execute(execution);

    verify(crm).upsertContact(new ContactData(
        "Ana@Example.com", "Ana", "Maria Souza", "Acme Ltda", "BR", "pt-BR", LifecycleStage.LEAD,
        "customer-onboarding"));
    verify(crm).logActivity(
        "ana@example.com", "pi-1:MarkAsLead:ex-7:ana@example.com", "note", "Signed up for the free trial");
    verify(execution).setVariable("crmContactId", "501");
  }

  @Test
  void readsTheAddressFromTheConfiguredVariableAndKeepsAnExplicitSource() throws Exception {
    when(execution.getVariableLocal("stage")).thenReturn("marketing_qualified");
    when(execution.getVariableLocal("emailVariable")).thenReturn("leadEmail");
    when(execution.getVariable("leadEmail")).thenReturn("ana@example.com");
    when(execution.getVariable("name")).thenReturn("Ana");
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
    when(execution.getVariable("email")).thenReturn("ana@example.com");

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'stage'");
    verifyNoInteractions(crm);
  }

  @Test
  void anUnknownStageNamesTheValidOnes() {
    when(execution.getVariableLocal("stage")).thenReturn("HOT");
    when(execution.getVariable("email")).thenReturn("ana@example.com");

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HOT")
        .hasMessageContaining("MARKETING_QUALIFIED");
    verifyNoInteractions(crm);
  }

  @Test
  void withoutAnAddressNothingIsWritten() {
    when(execution.getVariableLocal("stage")).thenReturn("LEAD");

    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'email'");
    verifyNoInteractions(crm);
  }

  @Test
  void aNameIsSplitAtTheFirstSpace() {
    assertThat(UpdateCrmDelegate.PersonName.split("Ana Maria Souza"))
        .isEqualTo(new UpdateCrmDelegate.PersonName("Ana", "Maria Souza"));
    assertThat(UpdateCrmDelegate.PersonName.split("Ana")).isEqualTo(new UpdateCrmDelegate.PersonName("Ana", null));
    assertThat(UpdateCrmDelegate.PersonName.split(null)).isEqualTo(new UpdateCrmDelegate.PersonName(null, null));
  }
}
