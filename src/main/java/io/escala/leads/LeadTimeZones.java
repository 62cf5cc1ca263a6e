package io.escala.leads;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/** The time zone the send window is computed in: the browser's, else the country's main zone, else Mexico City. */
final class LeadTimeZones {

  private static final ZoneId DEFAULT = ZoneId.of("America/Mexico_City");
  private static final Map<String, String> BY_COUNTRY = Map.ofEntries(
      Map.entry("AR", "America/Argentina/Buenos_Aires"), Map.entry("BO", "America/La_Paz"),
      Map.entry("BR", "America/Sao_Paulo"), Map.entry("CL", "America/Santiago"),
      Map.entry("CO", "America/Bogota"), Map.entry("CR", "America/Costa_Rica"),
      Map.entry("DO", "America/Santo_Domingo"), Map.entry("EC", "America/Guayaquil"),
      Map.entry("SV", "America/El_Salvador"), Map.entry("GT", "America/Guatemala"),
      Map.entry("HN", "America/Tegucigalpa"), Map.entry("MX", "America/Mexico_City"),
      Map.entry("NI", "America/Managua"), Map.entry("PA", "America/Panama"),
      Map.entry("PY", "America/Asuncion"), Map.entry("PE", "America/Lima"),
      Map.entry("PR", "America/Puerto_Rico"), Map.entry("UY", "America/Montevideo"),
      Map.entry("VE", "America/Caracas"), Map.entry("ES", "Europe/Madrid"), Map.entry("PT", "Europe/Lisbon"),
      Map.entry("US", "America/New_York"));

  private LeadTimeZones() {}

  static ZoneId of(String browserZone, String country) {
    if (browserZone != null && !browserZone.isBlank()) {
      try {
        return ZoneId.of(browserZone);
      } catch (DateTimeException ignored) {
        // a made-up zone from a bot or an old browser: fall back to the country
      }
    }
    String zone = country == null ? null : BY_COUNTRY.get(country);
    return zone == null ? DEFAULT : ZoneId.of(zone);
  }
}
