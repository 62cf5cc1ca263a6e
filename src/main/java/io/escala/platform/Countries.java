package io.escala.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The countries offered on public forms: Latin America first in mind, plus the markets customers also sell to. */
public final class Countries {

  public static final List<String> CODES = List.of("AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT",
      "HN", "MX", "NI", "PA", "PY", "PE", "PR", "UY", "VE", "ES", "PT", "US", "CA", "GB", "DE", "FR", "IT");

  private Countries() {}

  /** One option of a country select. */
  public record Country(String code, String name) {}

  /** The options with names in the visitor's language, alphabetically in that language. */
  public static List<Country> options(Locale locale) {
    return CODES.stream()
        .map(code -> new Country(code, new Locale("", code).getDisplayCountry(locale)))
        .sorted(Comparator.comparing(Country::name, java.text.Collator.getInstance(locale)))
        .toList();
  }
}
