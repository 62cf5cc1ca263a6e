package io.escala.leads;

import java.util.Locale;

/** A lead's natural identity (and the business key of its case): the e-mail address, trimmed and lower-cased. */
public final class LeadKeys {

  private LeadKeys() {}

  public static String of(String email) {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("A lead needs an e-mail address");
    }
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
