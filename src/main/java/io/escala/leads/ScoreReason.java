package io.escala.leads;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points with the stable code of the reason they were given: {@code "+15 budget-5k-plus"}, or with arguments
 * {@code "+6 page-visits 2"}. The code is what the decision table and the score history hold; the text a person
 * reads comes from the message bundles ({@link ScoreReasonTexts}), so it is in their language and a re-worded
 * message changes old scores too. Negative points carry a real minus sign (U+2212); {@link #parse} accepts a hyphen.
 *
 * @param code a word without spaces ({@code company-size-11-50}); see {@code leads.score.reason.*} in
 *     {@code i18n/leads*.properties}
 * @param arguments the message's parameters (counts, days), without spaces
 */
public record ScoreReason(int points, String code, List<String> arguments) {

  static final char MINUS_SIGN = '\u2212';
  private static final Pattern LABEL = Pattern.compile("([+\\-\u2212]?)(\\d+) (.*)");

  public ScoreReason {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("Points need a reason");
    }
    code = code.strip();
    // history stores one reason per line, its parts separated by spaces
    if (code.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("A reason code has no spaces: " + code);
    }
    arguments = List.copyOf(arguments);
    if (arguments.stream().anyMatch(a -> a.isBlank() || a.chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException("A reason argument has no spaces: " + arguments);
    }
  }

  public ScoreReason(int points, String code, Object... arguments) {
    this(points, code, Arrays.stream(arguments).map(String::valueOf).toList());
  }

  /** The language-free form the score history stores, e.g. {@code "−7 inactive-days 3"}. */
  public String label() {
    String sign = points < 0 ? String.valueOf(MINUS_SIGN) : "+";
    return sign + Math.abs(points) + " " + code + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
  }

  /**
   * The inverse of {@link #label()}, for reasons read back from the score history. A line written before reasons
   * were codes ("+10 focus market in Latin America") reads as an unknown code with arguments, which
   * {@link ScoreReasonTexts} shows as it was written.
   */
  public static ScoreReason parse(String label) {
    Matcher matcher = LABEL.matcher(label == null ? "" : label.strip());
    if (!matcher.matches() || matcher.group(3).isBlank()) {
      throw new IllegalArgumentException("Not a score reason: " + label);
    }
    int magnitude = Integer.parseInt(matcher.group(2));
    boolean negative = !matcher.group(1).isEmpty() && matcher.group(1).charAt(0) != '+';
    List<String> words = List.of(matcher.group(3).strip().split("\\s+"));
    return new ScoreReason(negative ? -magnitude : magnitude, words.get(0), words.subList(1, words.size()));
  }
}
