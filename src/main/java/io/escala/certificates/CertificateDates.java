package io.escala.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Dates as each language writes them in a sentence: "15 de marzo de 2026", "15 de março de 2026", "March 15, 2026". */
final class CertificateDates {

  private CertificateDates() {}

  static String longDate(LocalDate date, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(date);
  }

  /** The day of a moment, in UTC (revocations and issuing are recorded in UTC). */
  static String longDate(Instant moment, Locale locale) {
    return longDate(moment.atZone(ZoneOffset.UTC).toLocalDate(), locale);
  }
}
