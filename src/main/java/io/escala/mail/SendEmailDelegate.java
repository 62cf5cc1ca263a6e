package io.escala.mail;

import io.escala.mail.RecipientDirectory.Contact;
import io.escala.platform.IdempotencyKeys;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generic "send e-mail" step ({@code camunda:delegateExpression="${sendEmail}"}, element template
 * {@code io.escala.sendEmail}). One input parameter, {@code template} (required): e.g. {@code onboarding/verify} for
 * {@code templates/mail/onboarding/verify.*}.
 *
 * <p>The recipient, the language and the links of the mail come from the {@link RecipientDirectory} of the case's
 * process, looked up by business key when the mail is sent; never from process variables, which staff can set and
 * which history keeps. The template sees every process variable, then the directory's values (which win), plus
 * {@code processInstanceId} and {@code businessKey}; the subject message gets the recipient's name as argument {0}.
 */
@Component("sendEmail")
public class SendEmailDelegate implements JavaDelegate {

  private final EmailSender emailSender;
  private final CaseContacts contacts;

  public SendEmailDelegate(EmailSender emailSender, CaseContacts contacts) {
    this.emailSender = emailSender;
    this.contacts = contacts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = text(execution.getVariableLocal("template"));
    if (template == null) {
      throw new IllegalArgumentException(
          "sendEmail at activity '" + execution.getCurrentActivityId() + "' needs the input parameter 'template'");
    }
    Contact contact = contacts.of(execution, "sendEmail");
    String businessKey = execution.getProcessBusinessKey();

    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.putAll(contact.model());
    model.put("processInstanceId", execution.getProcessInstanceId());
    model.put("businessKey", businessKey);

    Recipient to = contact.to();
    String name = text(to.displayName());
    Locale locale = contact.locale() == null || contact.locale().getLanguage().isEmpty()
        ? EmailRenderer.DEFAULT_LOCALE : contact.locale();
    String key = IdempotencyKeys.of(execution, to.email().strip().toLowerCase(Locale.ROOT));
    emailSender.send(new EmailRequest(key, template, to, locale, model, new Object[] {name == null ? "" : name}));
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
