package io.escala.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Checks a {@link Recipient} and turns it into the To address. Messages never repeat the address (logs, incidents). */
final class MailAddress {

  private static final int MAX_LENGTH = 254;

  private MailAddress() {}

  /** The address trimmed and lower-cased, after a strict RFC 822 parse. */
  static String normalizedEmail(Recipient recipient) {
    if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
      throw new IllegalArgumentException("The recipient has no e-mail address");
    }
    String raw = recipient.email();
    // Checked before trimming: strip() would silently remove a trailing CR/LF.
    if (HeaderText.hasControlCharacters(raw)) {
      throw new IllegalArgumentException("The recipient e-mail address contains control characters");
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.length() > MAX_LENGTH || email.chars().anyMatch(Character::isWhitespace) || email.indexOf('@') < 1) {
      throw new IllegalArgumentException("The recipient e-mail address is not a plain address");
    }
    try {
      InternetAddress parsed = new InternetAddress(email, true);
      parsed.validate();
      // "Ana <a@x.test>" or a group would parse too; only the bare address is accepted.
      if (parsed.isGroup() || parsed.getPersonal() != null || !email.equals(parsed.getAddress())) {
        throw new IllegalArgumentException("The recipient e-mail address is not a plain address");
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException("The recipient e-mail address is invalid");
    }
    return email;
  }

  /** The display name on one line, or null. */
  static String displayName(Recipient recipient) {
    return HeaderText.singleLine(recipient.displayName());
  }

  static InternetAddress of(String email, String displayName) {
    try {
      return new InternetAddress(email, HeaderText.singleLine(displayName), StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }
}
