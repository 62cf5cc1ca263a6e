package io.escala.platform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The countries offered on public forms: Latin America first in mind, plus the markets customers also sell to. */
public final class Countries {

  public static final List<String> CODES = List.of("AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT",
      "HN", "MX", "NI", "PA", "PY", "PE", "PR", "UY", "VE", "ES", "PT", "US", "CA", "GB", "DE", "FR", "IT");

  /** Where nothing else tells: the largest market. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Mexico_City");

  /** The main time zone of each country Escala sells to, in the order a zone picker lists them. */
  private static final Map<String, ZoneId> MAIN_ZONES = new LinkedHashMap<>();

  static {
    String[][] zones = {{"MX", "America/Mexico_City"}, {"GT", "America/Guatemala"}, {"SV", "America/El_Salvador"},
        {"HN", "America/Tegucigalpa"}, {"NI", "America/Managua"}, {"CR", "America/Costa_Rica"},
        {"PA", "America/Panama"}, {"CU", "America/Havana"}, {"DO", "America/Santo_Domingo"},
        {"PR", "America/Puerto_Rico"}, {"CO", "America/Bogota"}, {"EC", "America/Guayaquil"},
        {"PE", "America/Lima"}, {"VE", "America/Caracas"}, {"BO", "America/La_Paz"}, {"CL", "America/Santiago"},
        {"PY", "America/Asuncion"}, {"UY", "America/Montevideo"}, {"AR", "America/Argentina/Buenos_Aires"},
        {"BR", "America/Sao_Paulo"}, {"US", "America/New_York"}, {"ES", "Europe/Madrid"},
        {"PT", "Europe/Lisbon"}};
    for (String[] zone : zones) {
      MAIN_ZONES.put(zone[0], ZoneId.of(zone[1]));
    }
  }

  private Countries() {}

  /**
   * The zone a person's times are shown and planned in: the one their browser (or a picker) sent when it is real,
   * else their country's main zone, else {@link #DEFAULT_ZONE}.
   */
  public static ZoneId zone(String requested, String countryCode) {
    if (requested != null && !requested.isBlank() && requested.length() <= 60) {
      try {
        return ZoneId.of(requested.strip());
      } catch (DateTimeException ignored) {
        // a made-up zone from a bot or an old browser: fall back to the country
      }
    }
    return countryCode == null ? DEFAULT_ZONE : MAIN_ZONES.getOrDefault(countryCode, DEFAULT_ZONE);
  }

  /** The countries' main zones, Mexico first, for a zone picker. */
  public static List<ZoneId> mainZones() {
    return List.copyOf(MAIN_ZONES.values());
  }

  /** Region zones (America/Bogota, Europe/Madrid...) and UTC, sorted: the choices of a staff page's zone picker. */
  public static final SortedSet<String> SELECTABLE_ZONES = selectableZones();

  private static SortedSet<String> selectableZones() {
    TreeSet<String> zones = new TreeSet<>(ZoneId.getAvailableZoneIds());
    zones.removeIf(zone -> !zone.contains("/") || zone.startsWith("Etc/") || zone.startsWith("SystemV/"));
    zones.add("UTC");
    return Collections.unmodifiableSortedSet(zones);
  }

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
