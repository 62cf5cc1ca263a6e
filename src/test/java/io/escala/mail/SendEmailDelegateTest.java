package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.escala.mail.RecipientDirectory.Contact;
import io.escala.platform.IdempotencyKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SendEmailDelegateTest {

  private final EmailSender sender = mock(EmailSender.class);
  private final Map<String, Contact> contacts = new HashMap<>();
  private final SendEmailDelegate delegate =
      new SendEmailDelegate(sender, new CaseContacts(List.of(directory("onboarding", contacts))));
  private final DelegateExecution execution = mock(DelegateExecution.class, RETURNS_DEEP_STUBS);

  /** A directory for one process, answering from a map, as a flow answers from its table. */
  static RecipientDirectory directory(String processKey, Map<String, Contact> contacts) {
    return new RecipientDirectory() {
      @Override
      public String processKey() {
        return processKey;
      }

      @Override
      public Optional<Contact> contactFor(String businessKey) {
        return Optional.ofNullable(contacts.get(businessKey));
      }
    };
  }

  /** Points a mocked execution at a process definition with this key. */
  static void inProcess(DelegateExecution execution, String processKey) {
    when(execution.getProcessDefinitionId()).thenReturn(processKey + ":1:def");
    when(execution.getProcessEngineServices().getRepositoryService().getProcessDefinition(processKey + ":1:def")
        .getKey()).thenReturn(processKey);
  }

  @BeforeEach
  void anExecutionAtTheSendWelcomeTask() {
    inProcess(execution, "onboarding");
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getProcessBusinessKey()).thenReturn("signup-42");
    when(execution.getCurrentActivityId()).thenReturn("SendWelcome");
    when(execution.getId()).thenReturn("exec-7");
    when(execution.getVariables()).thenReturn(Variables.createVariables().putValue("plan", "pro")
        .putValue("email", "mallory@evil.example").putValue("progressUrl", "https://evil.example/phish")
        .putValue("locale", "en"));
    when(execution.getVariableLocal("template")).thenReturn("onboarding/welcome");
    contacts.put("signup-42", new Contact(new Recipient("Ana@Example.TEST", "Ana"), Locale.forLanguageTag("pt-BR"),
        Map.of("progressUrl", "https://escala.example/onboarding/progress?token=t", "firstName", "Ana")));
  }

  @Test
  void sendsToTheCaseContactFromTheDirectoryWhateverTheVariablesSay() {
    delegate.execute(execution);

    EmailRequest request = sentRequest();
    assertThat(request.to()).isEqualTo(new Recipient("Ana@Example.TEST", "Ana"));
    assertThat(request.locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
    assertThat(request.idempotencyKey()).isEqualTo("pi-1:SendWelcome:exec-7:ana@example.test");
    assertThat(request.idempotencyKey()).isEqualTo(IdempotencyKeys.of(execution, "ana@example.test"));
    assertThat(request.template()).isEqualTo("onboarding/welcome");
    assertThat(request.model())
        .containsEntry("plan", "pro")
        .containsEntry("progressUrl", "https://escala.example/onboarding/progress?token=t")
        .containsEntry("firstName", "Ana")
        .containsEntry("processInstanceId", "pi-1")
        .containsEntry("businessKey", "signup-42");
    assertThat(request.subjectArgs()).containsExactly("Ana");
  }

  @Test
  void speaksSpanishWhenTheContactHasNoLanguage() {
    contacts.put("signup-42", new Contact(new Recipient("caro@example.test", null), null, Map.of()));

    delegate.execute(execution);

    EmailRequest request = sentRequest();
    assertThat(request.locale()).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(request.to().displayName()).isNull();
    assertThat(request.subjectArgs()).containsExactly("");
  }

  @Test
  void withoutATemplateADirectoryOrAContactNothingIsSent() {
    when(execution.getVariableLocal("template")).thenReturn(null);
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'template'");

    when(execution.getVariableLocal("template")).thenReturn("onboarding/welcome");
    contacts.clear();
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no contact for case 'signup-42'");

    inProcess(execution, "lead-nurturing");
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no RecipientDirectory for process 'lead-nurturing'");

    verify(sender, never()).send(any());
  }

  @Test
  void twoDirectoriesForOneProcessAreAWiringMistake() {
    assertThatThrownBy(() -> new CaseContacts(
        List.of(directory("onboarding", Map.of()), directory("onboarding", Map.of()))))
        .isInstanceOf(IllegalStateException.class);
  }

  private EmailRequest sentRequest() {
    ArgumentCaptor<EmailRequest> captor = ArgumentCaptor.forClass(EmailRequest.class);
    verify(sender).send(captor.capture());
    return captor.getValue();
  }
}
