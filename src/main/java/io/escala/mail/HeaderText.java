package io.escala.mail;

import java.util.regex.Pattern;

/**
 * Text that ends up in a mail header (display names, subject). Jakarta Mail encodes such values, but we also remove
 * every line break and control character, so no input can ever start a header of its own.
 */
final class HeaderText {

  // Cc: C0/C1 controls incl. CR, LF, NEL; Zl/Zp: Unicode line and paragraph separators; bidi overrides spoof names.
  private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]+");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");

  private HeaderText() {}

  /** The value on one line, or null when nothing printable is left. */
  static String singleLine(String value) {
    if (value == null) {
      return null;
    }
    String cleaned = SPACES.matcher(UNSAFE.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
    return cleaned.isEmpty() ? null : cleaned;
  }

  static boolean hasControlCharacters(String value) {
    return UNSAFE.matcher(value).find();
  }
}
