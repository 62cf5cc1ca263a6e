package io.escala.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The extra headers an {@link EmailRequest} may carry. An allow-list, because a header chosen by a caller could
 * otherwise replace From, add a Bcc or break the MIME structure.
 */
public final class MailHeaders {

  public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
  public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
  public static final String LIST_ID = "List-Id";

  /** Canonical spelling of every allowed header, looked up case-insensitively. */
  static final Set<String> ALLOWED = Set.of(LIST_UNSUBSCRIBE, LIST_UNSUBSCRIBE_POST, LIST_ID);

  // RFC 5322 lines end at 998 characters; the name and ": " need room too.
  static final int MAX_VALUE_LENGTH = 900;

  private static final Map<String, String> CANONICAL = canonicalNames();

  private MailHeaders() {}

  /**
   * The headers with canonical names and single-line values (control characters and line breaks removed).
   *
   * @throws IllegalArgumentException for a header outside the allow-list, a duplicate, an empty, non-ASCII or too
   *     long value
   */
  static Map<String, String> checked(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    headers.forEach((name, value) -> {
      String canonical = name == null ? null : CANONICAL.get(name.strip().toLowerCase(Locale.ROOT));
      if (canonical == null) {
        throw new IllegalArgumentException("Mail header not allowed: '" + HeaderText.singleLine(name)
            + "'; allowed are " + new TreeMap<>(CANONICAL).values());
      }
      String line = HeaderText.singleLine(value);
      if (line == null) {
        throw new IllegalArgumentException("Mail header " + canonical + " has no value");
      }
      // Values are URLs and tokens: plain ASCII, so no encoding is needed and none can be smuggled in.
      if (!line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("Mail header " + canonical + " must be printable US-ASCII");
      }
      if (line.length() > MAX_VALUE_LENGTH) {
        throw new IllegalArgumentException("Mail header " + canonical + " is longer than " + MAX_VALUE_LENGTH);
      }
      if (result.put(canonical, line) != null) {
        throw new IllegalArgumentException("Mail header " + canonical + " is given twice");
      }
    });
    return Collections.unmodifiableMap(result);
  }

  private static Map<String, String> canonicalNames() {
    Map<String, String> names = new LinkedHashMap<>();
    ALLOWED.forEach(name -> names.put(name.toLowerCase(Locale.ROOT), name));
    return Map.copyOf(names);
  }
}
