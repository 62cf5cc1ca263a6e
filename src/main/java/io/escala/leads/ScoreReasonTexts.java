package io.escala.leads;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words behind a reason code, from {@code leads.score.reason.<code>} in {@code i18n/leads*.properties}. Numeric
 * arguments are passed as numbers, so a message can say "1 visita" or "2 visitas" with {@code {0,choice,...}}.
 */
@Component
public class ScoreReasonTexts {

  static final String KEY_PREFIX = "leads.score.reason.";

  private final MessageSource messages;

  public ScoreReasonTexts(MessageSource messages) {
    this.messages = messages;
  }

  /** "+15 presupuesto ≥ 5k USD/mes". */
  public String label(ScoreReason reason, Locale locale) {
    String sign = reason.points() < 0 ? String.valueOf(ScoreReason.MINUS_SIGN) : "+";
    return sign + Math.abs(reason.points()) + " " + text(reason, locale);
  }

  /** One reason per line, for a task form, a CRM note or an e-mail to sales. */
  public String lines(List<ScoreReason> reasons, Locale locale) {
    return reasons.stream().map(reason -> label(reason, locale)).collect(Collectors.joining("\n"));
  }

  /**
   * A code without a message (an analyst's new rule not yet worded, or a line stored before reasons were codes) is
   * shown as written rather than failing the scoring.
   */
  public String text(ScoreReason reason, Locale locale) {
    Object[] arguments = reason.arguments().stream().map(ScoreReasonTexts::asNumberIfNumeric).toArray();
    String text = messages.getMessage(KEY_PREFIX + reason.code(), arguments, null, locale);
    if (text != null) {
      return text;
    }
    return reason.arguments().isEmpty() ? reason.code() : reason.code() + " " + String.join(" ", reason.arguments());
  }

  private static Object asNumberIfNumeric(String argument) {
    return argument.matches("-?\\d{1,18}") ? (Object) Long.valueOf(argument) : argument;
  }
}
