package io.escala.certificates;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code printed on a certificate: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), in groups of
 * four, e.g. {@code 7KQM-4XWT-PZ9H}. 31^12 ≈ 2^59 codes: short enough to type from paper, too many to guess. Whoever
 * has the code may see the certificate, as whoever is shown the paper may.
 */
public final class VerificationCode {

  static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  private static final int LENGTH = 12;
  private static final int GROUP = 4;
  private static final Pattern TYPED = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private VerificationCode() {}

  static String generate() {
    StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % GROUP == 0) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * The canonical spelling of a code as someone typed it (lower case, spaces or no dashes are fine); empty when it
   * cannot be a code, so a malformed one never reaches the database.
   */
  public static Optional<String> parse(String typed) {
    if (typed == null || typed.length() > 40) {
      return Optional.empty();
    }
    String bare = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    if (!TYPED.matcher(bare).matches()) {
      return Optional.empty();
    }
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < LENGTH; i += GROUP) {
      code.append(i == 0 ? "" : "-").append(bare, i, i + GROUP);
    }
    return Optional.of(code.toString());
  }
}
