package io.escala.leads;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points with the reason they were given, shown to sales as {@code "+15 budget ≥ 5k USD/month"} or
 * {@code "−5 no activity for 14 days"}. Negative points carry a real minus sign (U+2212), which reads better on a
 * form than a hyphen; {@link #parse} accepts both.
 */
public record ScoreReason(int points, String reason) {

  static final char MINUS_SIGN = '\u2212';
  private static final Pattern LABEL = Pattern.compile("([+\\-\u2212]?)(\\d+) (.*)");

  public ScoreReason {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Points need a reason");
    }
    // history stores one reason per line, so a reason must stay on one
    reason = reason.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  public String label() {
    String sign = points < 0 ? String.valueOf(MINUS_SIGN) : "+";
    return sign + Math.abs(points) + " " + reason;
  }

  /** The inverse of {@link #label()}, for reasons read back from the score history. */
  public static ScoreReason parse(String label) {
    Matcher matcher = LABEL.matcher(label == null ? "" : label.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("Not a score reason: " + label);
    }
    int magnitude = Integer.parseInt(matcher.group(2));
    boolean negative = !matcher.group(1).isEmpty() && matcher.group(1).charAt(0) != '+';
    return new ScoreReason(negative ? -magnitude : magnitude, matcher.group(3));
  }
}
