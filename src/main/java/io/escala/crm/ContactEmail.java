package io.escala.crm;

import java.util.Locale;

/** The one spelling of an e-mail address that both CRMs key contacts by. */
final class ContactEmail {

  private ContactEmail() {}

  /** Trimmed and lower-case, so "Ana@Example.com " and "ana@example.com" are the same contact. */
  static String normalize(String email) {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("A CRM contact needs an e-mail address");
    }
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
