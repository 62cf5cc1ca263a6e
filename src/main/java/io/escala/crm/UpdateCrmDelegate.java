package io.escala.crm;

import io.escala.platform.IdempotencyKeys;
import java.util.Arrays;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Generic BPMN step "update the CRM": {@code camunda:delegateExpression="${updateCrm}"}, configured by input
 * parameters (see the Modeler template {@code update-crm.json}):
 *
 * <ul>
 *   <li>{@code stage} (required): a {@link LifecycleStage} name
 *   <li>{@code emailVariable} (default {@code email}): the process variable holding the contact's address
 *   <li>{@code activity} (optional): text logged once on the contact's timeline
 * </ul>
 *
 * Reads the process variables {@code name}, {@code company}, {@code country}, {@code locale} and {@code source}
 * (default: the process definition key), and writes {@code crmContactId}.
 */
@Component("updateCrm")
class UpdateCrmDelegate implements JavaDelegate {

  static final String CONTACT_ID_VARIABLE = "crmContactId";

  private final Crm crm;

  UpdateCrmDelegate(Crm crm) {
    this.crm = crm;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleStage stage = stage(text(execution.getVariableLocal("stage")));
    String emailVariable = text(execution.getVariableLocal("emailVariable"));
    if (emailVariable == null) {
      emailVariable = "email";
    }
    String email = text(execution.getVariable(emailVariable));
    if (email == null) {
      throw new IllegalStateException("updateCrm at '" + execution.getCurrentActivityId()
          + "': process variable '" + emailVariable + "' holds no e-mail address");
    }
    PersonName name = PersonName.split(text(execution.getVariable("name")));
    String source = text(execution.getVariable("source"));
    if (source == null) {
      source = processDefinitionKey(execution);
    }

    CrmContact contact = crm.upsertContact(new ContactData(
        email,
        name.first(),
        name.last(),
        text(execution.getVariable("company")),
        text(execution.getVariable("country")),
        languageTag(text(execution.getVariable("locale"))),
        stage,
        source));

    String activity = text(execution.getVariableLocal("activity"));
    if (activity != null) {
      String key = IdempotencyKeys.of(execution, contact.email());
      crm.logActivity(contact.email(), key, "note", activity);
    }
    execution.setVariable(CONTACT_ID_VARIABLE, contact.externalId());
  }

  private static LifecycleStage stage(String name) {
    if (name == null) {
      throw new IllegalStateException("updateCrm needs the input parameter 'stage', one of "
          + Arrays.toString(LifecycleStage.values()));
    }
    try {
      return LifecycleStage.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("updateCrm: unknown stage '" + name + "', expected one of "
          + Arrays.toString(LifecycleStage.values()), e);
    }
  }

  /** A full name as first and last name: "Ana Maria Souza" is "Ana" + "Maria Souza". */
  record PersonName(String first, String last) {

    static PersonName split(String name) {
      if (name == null) {
        return new PersonName(null, null);
      }
      int space = name.indexOf(' ');
      return space < 0
          ? new PersonName(name, null)
          : new PersonName(name.substring(0, space), text(name.substring(space + 1)));
    }
  }

  /** "pt_BR" and "pt-BR" both become the tag "pt-BR". */
  private static String languageTag(String locale) {
    if (locale == null) {
      return null;
    }
    String tag = Locale.forLanguageTag(locale.replace('_', '-')).toLanguageTag();
    return "und".equals(tag) ? null : tag;
  }

  private static String processDefinitionKey(DelegateExecution execution) {
    // served from the engine's deployment cache
    return execution.getProcessEngineServices()
        .getRepositoryService()
        .getProcessDefinition(execution.getProcessDefinitionId())
        .getKey();
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }
}
