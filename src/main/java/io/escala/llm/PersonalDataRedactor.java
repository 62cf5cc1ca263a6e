package io.escala.llm;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Replaces personal data in free text before it reaches the language model: e-mail addresses become {@code [email]},
 * phone numbers {@code [phone]}, and Brazilian CPF/CNPJ, Chilean RUT and Mexican CURP/RFC {@code [id]}.
 *
 * <p>Order matters: international phones first (their digits would look like a CPF), then the ids, whose dotted
 * formats would otherwise look like local phone numbers. Amounts ("USD 5.000", "CLP 12.345.678"), dates and year
 * ranges are left alone. All quantifiers over digits are possessive, so long digit runs cannot make matching slow.
 */
@Component
public class PersonalDataRedactor {

  public static final String EMAIL = "[email]";
  public static final String PHONE = "[phone]";
  public static final String ID = "[id]";

  private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}])";
  private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}])";

  private static final Pattern EMAIL_ADDRESS = Pattern.compile(
      "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]++@[\\p{L}\\p{N}-]++(?:\\.[\\p{L}\\p{N}-]++)*+");

  private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
      "(?<![\\p{L}\\p{N}+])\\+\\d++(?:[ .\\-]?\\(\\d{1,4}\\)[ .\\-]?\\d++)?(?:[ .\\-]\\d++)*+" + NOT_BEFORE_WORD);

  private static final Pattern CNPJ = Pattern.compile(
      NOT_AFTER_WORD + "(?:\\d{2}\\.\\d{3}\\.\\d{3}/\\d{4}-\\d{2}|\\d{14})" + NOT_BEFORE_WORD);

  private static final Pattern CPF = Pattern.compile(
      NOT_AFTER_WORD + "(?:\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{11})" + NOT_BEFORE_WORD);

  private static final Pattern RUT = Pattern.compile(
      "(?<![\\p{L}\\p{N}.])(?:\\d{1,2}\\.\\d{3}\\.\\d{3}|\\d{7,8})-[\\dkK]" + NOT_BEFORE_WORD);

  private static final String BIRTH_DATE = "\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])";

  private static final Pattern CURP = Pattern.compile(
      NOT_AFTER_WORD + "[A-Z][AEIOUX][A-Z]{2}" + BIRTH_DATE + "[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z\\d]\\d"
          + NOT_BEFORE_WORD,
      Pattern.CASE_INSENSITIVE);

  /** 4 letters for people, 3 for companies, then the date and the 3-character homoclave. */
  private static final Pattern RFC = Pattern.compile(
      "(?<![\\p{L}\\p{N}&])[A-ZÑ&]{3,4}" + BIRTH_DATE + "[A-Z\\d]{3}" + NOT_BEFORE_WORD,
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Digit groups joined by single spaces, dots or hyphens, optionally with an area code in parentheses. */
  private static final Pattern LOCAL_PHONE_CANDIDATE = Pattern.compile(
      "(?<![\\p{L}\\p{N}+.\\-/])(?:\\(\\d{1,4}\\)[ .\\-]?\\d++|\\d++)(?:[ .\\-]\\d++)*+" + NOT_BEFORE_WORD);

  private static final Pattern THOUSANDS_AMOUNT = Pattern.compile("\\d{1,3}(?:\\.\\d{3})++");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d{1,2}([.\\-])\\d{1,2}\\1\\d{2,4}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern YEAR_RANGE = Pattern.compile("(?:19|20)\\d{2}[ .\\-](?:19|20)\\d{2}");

  private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {}

  private static final List<Rule> RULES = List.of(
      new Rule(EMAIL_ADDRESS, match -> looksLikeEmail(match.group()) ? EMAIL : match.group()),
      new Rule(INTERNATIONAL_PHONE, match -> digitCount(match.group()) >= 8 && digitCount(match.group()) <= 15
          ? PHONE : match.group()),
      new Rule(CNPJ, match -> ID),
      new Rule(CPF, match -> ID),
      new Rule(RUT, match -> ID),
      new Rule(CURP, match -> ID),
      new Rule(RFC, match -> ID),
      new Rule(LOCAL_PHONE_CANDIDATE, match -> isLocalPhone(match.group()) ? PHONE : match.group()));

  /** @return the text with personal data replaced; {@code null} stays {@code null} */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = text;
    for (Rule rule : RULES) {
      redacted = rule.pattern().matcher(redacted)
          .replaceAll(match -> Matcher.quoteReplacement(rule.replacement().apply(match)));
    }
    return redacted;
  }

  /** The address pattern stops at the domain; a real address has a dot-separated, alphabetic top-level domain. */
  private static boolean looksLikeEmail(String candidate) {
    String domain = candidate.substring(candidate.indexOf('@') + 1);
    int lastDot = domain.lastIndexOf('.');
    return lastDot > 0 && domain.length() - lastDot > 2
        && domain.substring(lastDot + 1).chars().allMatch(Character::isLetter);
  }

  private static boolean isLocalPhone(String candidate) {
    int digits = digitCount(candidate);
    boolean separated = digits < candidate.length();
    return separated && digits >= 8 && digits <= 13
        && !THOUSANDS_AMOUNT.matcher(candidate).matches()
        && !DAY_MONTH_YEAR.matcher(candidate).matches()
        && !ISO_DATE.matcher(candidate).matches()
        && !YEAR_RANGE.matcher(candidate).matches();
  }

  private static int digitCount(String text) {
    return (int) text.chars().filter(Character::isDigit).count();
  }
}
