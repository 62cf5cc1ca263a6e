package io.escala.mail;

import io.escala.platform.IdempotencyKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SendEmailDelegateTest {

  private final EmailSender sender = mock(EmailSender.class);
  private final SendEmailDelegate delegate = new SendEmailDelegate(sender);
  private final DelegateExecution execution = mock(DelegateExecution.class);

  @BeforeEach
  void anExecutionAtTheSendWelcomeTask() {
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getProcessBusinessKey()).thenReturn("signup-42");
    when(execution.getCurrentActivityId()).thenReturn("SendWelcome");
    when(execution.getId()).thenReturn("exec-7");
    when(execution.getVariables()).thenReturn(Variables.createVariables().putValue("plan", "pro"));
    when(execution.getVariableLocal("template")).thenReturn("onboarding/welcome");
  }

  @Test
  void sendsWithTheDocumentedKeyAndTheDefaultVariables() {
    when(execution.getVariable("email")).thenReturn(" Ana@Example.TEST ");
    when(execution.getVariable("name")).thenReturn("Ana");
    when(execution.getVariable("locale")).thenReturn("pt-BR");

    delegate.execute(execution);

    EmailRequest request = sentRequest();
    assertThat(request.idempotencyKey()).isEqualTo("pi-1:SendWelcome:exec-7:ana@example.test");
    assertThat(request.idempotencyKey()).isEqualTo(IdempotencyKeys.of(execution, "ana@example.test"));
    assertThat(request.template()).isEqualTo("onboarding/welcome");
    assertThat(request.to()).isEqualTo(new Recipient("Ana@Example.TEST", "Ana"));
    assertThat(request.locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
    assertThat(request.model())
        .containsEntry("plan", "pro")
        .containsEntry("processInstanceId", "pi-1")
        .containsEntry("businessKey", "signup-42");
    assertThat(request.subjectArgs()).containsExactly("Ana");
  }

  @Test
  void readsTheVariablesNamedByTheInputParameters() {
    when(execution.getVariableLocal("recipientVariable")).thenReturn("contactEmail");
    when(execution.getVariableLocal("recipientNameVariable")).thenReturn("contactName");
    when(execution.getVariableLocal("localeVariable")).thenReturn("language");
    when(execution.getVariable("contactEmail")).thenReturn("bea@example.test");
    when(execution.getVariable("contactName")).thenReturn("Bea");
    when(execution.getVariable("language")).thenReturn("en");

    delegate.execute(execution);

    EmailRequest request = sentRequest();
    assertThat(request.to()).isEqualTo(new Recipient("bea@example.test", "Bea"));
    assertThat(request.locale()).isEqualTo(Locale.ENGLISH);
    assertThat(request.idempotencyKey()).endsWith(":bea@example.test");
  }

  @Test
  void speaksSpanishWhenNoLanguageIsKnown() {
    when(execution.getVariable("email")).thenReturn("caro@example.test");

    delegate.execute(execution);

    EmailRequest request = sentRequest();
    assertThat(request.locale()).isEqualTo(Locale.forLanguageTag("es"));
    assertThat(request.to().displayName()).isNull();
    assertThat(request.subjectArgs()).containsExactly("");
  }

  @Test
  void withoutATemplateOrARecipientNothingIsSent() {
    when(execution.getVariableLocal("template")).thenReturn(null);
    when(execution.getVariable("email")).thenReturn("caro@example.test");
    assertThatThrownBy(() -> delegate.execute(execution)).isInstanceOf(IllegalArgumentException.class);

    when(execution.getVariableLocal("template")).thenReturn("onboarding/welcome");
    when(execution.getVariable("email")).thenReturn(" ");
    assertThatThrownBy(() -> delegate.execute(execution))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'email'");

    verify(sender, never()).send(any());
  }

  private EmailRequest sentRequest() {
    ArgumentCaptor<EmailRequest> captor = ArgumentCaptor.forClass(EmailRequest.class);
    verify(sender).send(captor.capture());
    return captor.getValue();
  }
}
