package io.escala.demos;

import io.escala.platform.Countries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Times as the demo pages show them: always in a named zone, e.g. "10:30 (GMT-6, Ciudad de México)", and the zone a
 * visitor sees them in (the browser's, else their country's, else Mexico City).
 */
@Component
class DemoTimes {

  static final ZoneId DEFAULT_ZONE = Countries.DEFAULT_ZONE;

  private static final List<String> MORE_ZONES = List.of("America/Tijuana", "America/Cancun", "America/Manaus",
      "America/Chicago", "America/Denver", "America/Los_Angeles", "Atlantic/Canary", "UTC");

  /**
   * One selectable start.
   *
   * @param value the instant the form posts back
   * @param label short, for the chip ("10:30 GMT-6"); {@code fullLabel} names the zone, for screen readers
   */
  record SlotChoice(String value, String label, String fullLabel) {}

  record Day(String label, List<SlotChoice> slots) {}

  record ZoneChoice(String id, String label) {}

  /**
   * A week of days, counted from the visitor's today.
   *
   * @param index 0 = the coming seven days
   */
  record Week(int index, Instant from, Instant to, boolean hasPrevious, boolean hasNext) {}

  private final MessageSource messages;
  private final DemoProperties properties;

  DemoTimes(MessageSource messages, DemoProperties properties) {
    this.messages = messages;
    this.properties = properties;
  }

  /** The start a slot field posts back; null when it is not an instant. */
  static Instant slot(String value) {
    try {
      return value == null || value.length() > 40 ? null : Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The zone asked for (browser or picker) when it is a real one; else the visitor's country's; else the default. */
  ZoneId zone(String requested, Locale visitorLocale) {
    return Countries.zone(requested, visitorLocale == null ? null : visitorLocale.getCountry());
  }

  /** "GMT-6, Ciudad de México": the offset at that moment and the zone's city. */
  String zoneLabel(ZoneId zone, Instant at, Locale locale) {
    String offset = DateTimeFormatter.ofPattern("O", locale).format(at.atZone(zone));
    return offset + ", " + city(zone, locale);
  }

  /** "10:30 (GMT-6, Ciudad de México)". */
  String time(Instant at, ZoneId zone, Locale locale) {
    return DateTimeFormatter.ofPattern("HH:mm", locale).format(at.atZone(zone)) + " (" + zoneLabel(zone, at, locale)
        + ")";
  }

  /** "10:30 GMT-6": a time with its zone's offset, short enough for three to a row on a phone. */
  String shortTime(Instant at, ZoneId zone, Locale locale) {
    ZonedDateTime local = at.atZone(zone);
    return DateTimeFormatter.ofPattern("HH:mm", locale).format(local) + " "
        + DateTimeFormatter.ofPattern("O", locale).format(local);
  }

  /** A heading starts with a capital ("Lunes, 30 de noviembre"); the rest stays as the language writes it. */
  private static String capitalized(String text, Locale locale) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
  }

  /** "lunes, 12 de mayo de 2031, 10:30 (GMT-6, Ciudad de México)". */
  String dateTime(Instant at, ZoneId zone, Locale locale) {
    return day(at.atZone(zone).toLocalDate(), locale) + ", " + time(at, zone, locale);
  }

  String day(LocalDate day, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(day);
  }

  /** The starts grouped by the visitor's local day, earliest first. */
  List<Day> byDay(List<Instant> starts, ZoneId zone, Locale locale) {
    Map<LocalDate, List<SlotChoice>> days = new LinkedHashMap<>();
    starts.stream().sorted().forEach(start -> days.computeIfAbsent(start.atZone(zone).toLocalDate(),
        d -> new ArrayList<>()).add(new SlotChoice(start.toString(), shortTime(start, zone, locale),
            time(start, zone, locale))));
    List<Day> result = new ArrayList<>();
    days.forEach((day, slots) -> result.add(new Day(capitalized(day(day, locale), locale), slots)));
    return result;
  }

  /** Week {@code index} in the visitor's zone, clipped to the booking horizon. */
  Week week(int index, ZoneId zone, Instant now) {
    Instant lastOffered = now.plus(properties.horizon());
    int last = (int) (Duration.between(now, lastOffered).toDays() / 7);
    int clipped = Math.max(0, Math.min(index, last));
    ZonedDateTime today = now.atZone(zone).toLocalDate().atStartOfDay(zone);
    Instant from = today.plusDays(7L * clipped).toInstant();
    Instant to = today.plusDays(7L * (clipped + 1)).toInstant();
    return new Week(clipped, from, to, clipped > 0, to.isBefore(lastOffered));
  }

  /** The zones of the picker, the current one included, labelled as the times are. */
  List<ZoneChoice> zoneChoices(ZoneId current, Instant now, Locale locale) {
    List<String> ids = new ArrayList<>(Countries.mainZones().stream().map(ZoneId::getId).toList());
    ids.addAll(MORE_ZONES);
    if (!ids.contains(current.getId())) {
      ids.add(0, current.getId());
    }
    return ids.stream().distinct().map(id -> new ZoneChoice(id, zoneLabel(ZoneId.of(id), now, locale))).toList();
  }

  /** The city of a zone in the reader's language; the zone id's own city where the bundle has none. */
  private String city(ZoneId zone, Locale locale) {
    String id = zone.getId();
    String fromId = id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
    return messages.getMessage("demos.city." + id, null, fromId, locale);
  }

  /**
   * Puts a slot list on a page: the days of the week shown, the zone picker and the links to the weeks around it.
   *
   * @param page the page's path; the picker and the week links go back to it
   * @param keep query parameters the page needs again (signed links), null values left out
   */
  void showSlots(Model model, DemoBookings.AvailableSlots slots, ZoneId zone, Week week, Instant now, Locale locale,
      String page, Map<String, String> keep) {
    Map<String, String> kept = new LinkedHashMap<>();
    keep.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        kept.put(name, value);
      }
    });
    model.addAttribute("days", byDay(slots.starts(), zone, locale));
    model.addAttribute("stale", slots.stale());
    model.addAttribute("zone", zone.getId());
    model.addAttribute("zoneLabel", zoneLabel(zone, now, locale));
    model.addAttribute("zoneChoices", zoneChoices(zone, now, locale));
    model.addAttribute("week", week);
    model.addAttribute("pickerAction", page);
    model.addAttribute("pickerParams", kept);
    model.addAttribute("weekFrom", day(week.from().atZone(zone).toLocalDate(), locale));
    model.addAttribute("previousWeekUrl", week.hasPrevious() ? weekUrl(page, kept, zone, week.index() - 1) : null);
    model.addAttribute("nextWeekUrl", week.hasNext() ? weekUrl(page, kept, zone, week.index() + 1) : null);
  }

  private static String weekUrl(String page, Map<String, String> kept, ZoneId zone, int index) {
    UriComponentsBuilder url = UriComponentsBuilder.fromPath(page);
    kept.forEach(url::queryParam);
    url.queryParam("tz", zone.getId()).queryParam("week", index);
    return url.encode().build().toUriString();
  }
}
