package io.escala.crm;

import io.escala.mail.CaseContacts;
import io.escala.mail.RecipientDirectory.Contact;
import io.escala.platform.BusinessRefusal;
import io.escala.platform.IdempotencyKeys;
import io.escala.platform.NonRetryableException;
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
 *   <li>{@code activity} (optional): text logged once on the contact's timeline
 * </ul>
 *
 * The contact (address, name, language, and company and country where the flow knows them) comes from the case's
 * {@link CaseContacts}, i.e. the flow's own tables, never from process variables staff could set; {@code source}
 * (default: the process definition key) may be a variable. Writes {@code crmContactId}.
 */
@Component("updateCrm")
class UpdateCrmDelegate implements JavaDelegate {

  static final String CONTACT_ID_VARIABLE = "crmContactId";

  private final Crm crm;
  private final CaseContacts contacts;

  UpdateCrmDelegate(Crm crm, CaseContacts contacts) {
    this.crm = crm;
    this.contacts = contacts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LifecycleStage stage = stage(text(execution.getVariableLocal("stage")));
    Contact person = contacts.of(execution, "updateCrm");
    String email = person.to().email().strip();
    PersonName name = PersonName.split(text(person.to().displayName()));
    String source = text(execution.getVariable("source"));
    if (source == null) {
      source = processDefinitionKey(execution);
    }

    CrmContact contact = upsert(execution, new ContactData(
        email,
        name.first(),
        name.last(),
        text(person.model().get("company")),
        text(person.model().get("country")),
        person.locale() == null ? null : languageTag(person.locale().toLanguageTag()),
        stage,
        source));

    String activity = text(execution.getVariableLocal("activity"));
    if (activity != null) {
      String key = IdempotencyKeys.of(execution, contact.email());
      crm.logActivity(contact.email(), key, "note", activity);
    }
    execution.setVariable(CONTACT_ID_VARIABLE, contact.externalId());
  }

  /** Error code of a contact the CRM refuses for its data; the diagram may catch it. */
  static final String CONTACT_REFUSED = "crm-contact-refused";

  private CrmContact upsert(DelegateExecution execution, ContactData data) {
    try {
      return crm.upsertContact(data);
    } catch (CrmRejectedException refused) {
      if (refused.status() == 401 || refused.status() == 403) {
        throw new NonRetryableException("The CRM refused Escala's credentials: " + refused.getMessage(), refused);
      }
      throw BusinessRefusal.of(execution, CONTACT_REFUSED, "The CRM refused the contact: " + refused.getMessage(),
          refused);
    }
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
