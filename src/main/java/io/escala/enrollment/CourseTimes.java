package io.escala.enrollment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Times as the learner reads them, in their own zone and language: "lunes, 7 de diciembre de 2026, 19:00 (GMT-6)". */
final class CourseTimes {

  private CourseTimes() {}

  static String dateTime(Instant at, ZoneId zone, Locale locale) {
    if (at == null) {
      return "";
    }
    var local = at.atZone(zone);
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(local) + ", "
        + DateTimeFormatter.ofPattern("HH:mm", locale).format(local) + " ("
        + DateTimeFormatter.ofPattern("O", locale).format(local) + ")";
  }

  /** The locale amounts are written in: the learner's language with their country ("es" + "CL": $15.000). */
  static Locale moneyLocale(Locale language, String country) {
    if (country == null || country.isBlank() || !language.getCountry().isEmpty()) {
      return language;
    }
    return new Locale.Builder().setLanguage(language.getLanguage()).setRegion(country).build();
  }
}
