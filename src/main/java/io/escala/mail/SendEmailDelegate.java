package io.escala.mail;

import io.escala.platform.IdempotencyKeys;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generic "send e-mail" step ({@code camunda:delegateExpression="${sendEmail}"}, element template
 * {@code io.escala.sendEmail}). Input parameters:
 *
 * <ul>
 *   <li>{@code template} (required): e.g. {@code onboarding/verify} for {@code templates/mail/onboarding/verify.*}
 *   <li>{@code recipientVariable} (default {@code email}): variable holding the address
 *   <li>{@code recipientNameVariable} (default {@code name}): variable holding the display name, may be empty
 *   <li>{@code localeVariable} (default {@code locale}): variable holding a language tag such as {@code pt-BR};
 *       Spanish when empty
 * </ul>
 *
 * The template sees every process variable plus {@code processInstanceId} and {@code businessKey}; the subject
 * message gets the recipient's name as argument {0}.
 */
@Component("sendEmail")
public class SendEmailDelegate implements JavaDelegate {

  private final EmailSender emailSender;

  public SendEmailDelegate(EmailSender emailSender) {
    this.emailSender = emailSender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = localText(execution, "template", null);
    if (template == null) {
      throw new IllegalArgumentException(
          "sendEmail at activity '" + execution.getCurrentActivityId() + "' needs the input parameter 'template'");
    }
    String recipientVariable = localText(execution, "recipientVariable", "email");
    String email = text(execution.getVariable(recipientVariable));
    if (email == null) {
      throw new IllegalArgumentException(
          "sendEmail at activity '" + execution.getCurrentActivityId() + "': variable '" + recipientVariable
              + "' holds no e-mail address");
    }
    String name = text(execution.getVariable(localText(execution, "recipientNameVariable", "name")));
    Locale locale = locale(execution.getVariable(localText(execution, "localeVariable", "locale")));

    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.put("processInstanceId", execution.getProcessInstanceId());
    model.put("businessKey", execution.getProcessBusinessKey());

    String key = IdempotencyKeys.of(execution, email.strip().toLowerCase(Locale.ROOT));
    emailSender.send(new EmailRequest(
        key, template, new Recipient(email, name), locale, model, new Object[] {name == null ? "" : name}));
  }

  private static String localText(DelegateExecution execution, String parameter, String fallback) {
    String value = text(execution.getVariableLocal(parameter));
    return value == null ? fallback : value;
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  private static Locale locale(Object value) {
    if (value instanceof Locale locale) {
      return locale;
    }
    String tag = text(value);
    Locale parsed = tag == null ? Locale.ROOT : Locale.forLanguageTag(tag.replace('_', '-'));
    return parsed.getLanguage().isEmpty() ? EmailRenderer.DEFAULT_LOCALE : parsed;
  }
}
