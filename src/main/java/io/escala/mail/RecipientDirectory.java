package io.escala.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who a case's e-mail goes to, looked up by business key in the flow's own tables when the mail is sent. The generic
 * {@code sendEmail} step never takes an address, a language or a link from a process variable: staff can set
 * variables on a case, and whatever is a variable stays in history and Cockpit. A flow that sends with
 * {@code sendEmail} provides one bean per process it owns.
 */
public interface RecipientDirectory {

  /** The key of the process whose cases this directory answers for, e.g. {@code customer-onboarding}. */
  String processKey();

  /** The case's contact now; empty when there is none (e.g. erased). */
  Optional<Contact> contactFor(String businessKey);

  /**
   * @param model what the flow's mail templates show besides the process variables, computed now from its tables:
   *     names, and links with tokens (signed when the mail is rendered, never stored in the case). These win over a
   *     process variable of the same name.
   */
  record Contact(Recipient to, Locale locale, Map<String, Object> model) {

    public Contact {
      if (to == null || to.email() == null || to.email().isBlank()) {
        throw new IllegalArgumentException("a contact needs an e-mail address");
      }
      model = model == null ? Map.of() : Map.copyOf(model);
    }
  }
}
