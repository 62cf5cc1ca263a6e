package io.escala.enrollment;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Courses and cohorts as the public pages show them: times in the visitor's zone (the browser's, else the cohort's
 * own) and language, seats left, the price in the visitor's number format.
 */
@Component
class CatalogPages {

  /**
   * One cohort as a visitor reads it.
   *
   * @param starts e.g. "lunes, 14 de diciembre de 2026, 10:00 (GMT-6, hora central)"
   * @param price formatted; null when free
   */
  record CohortView(String code, String starts, int seatsLeft, boolean full, boolean free, String price,
      boolean brl, boolean live) {}

  /**
   * @param onlinePayments a card is offered (a payment provider is configured)
   * @param pix Pix is offered (Mercado Pago is the provider)
   */
  record CourseView(Course course, List<CohortView> cohorts, boolean onlinePayments, boolean pix) {}

  private final CourseCatalog catalog;
  private final boolean onlinePayments;
  private final boolean pix;

  CatalogPages(CourseCatalog catalog, Enrollments enrollments) {
    this.catalog = catalog;
    this.onlinePayments = enrollments.takesOnlinePayments();
    this.pix = enrollments.takesPix();
  }

  /** The zone the browser sent, when it is a real one. */
  static Optional<ZoneId> browserZone(String requested) {
    if (requested == null || requested.isBlank() || requested.length() > 60) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(requested.strip()));
    } catch (DateTimeException madeUp) {
      return Optional.empty();
    }
  }

  List<CourseView> publishedCourses(Optional<ZoneId> visitorZone, Locale locale) {
    return catalog.courses(true).stream().map(course -> course(course, visitorZone, locale)).toList();
  }

  CourseView course(Course course, Optional<ZoneId> visitorZone, Locale locale) {
    return new CourseView(course, catalog.openCohortsOf(course.id()).stream()
        .map(cohort -> cohort(cohort, visitorZone, locale)).toList(), onlinePayments, pix);
  }

  CohortView cohort(Cohort cohort, Optional<ZoneId> visitorZone, Locale locale) {
    return new CohortView(cohort.code(), dateTime(cohort.startsAt(), visitorZone.orElse(cohort.timeZone()), locale),
        cohort.seatsLeft(), cohort.seatsLeft() == 0, cohort.isFree(),
        cohort.isFree() ? null : cohort.price().format(locale),
        !cohort.isFree() && "BRL".equals(cohort.price().currencyCode()), cohort.isLive());
  }

  /** "lunes, 14 de diciembre de 2026, 10:00 (GMT-6, hora central)": always with its zone named. */
  static String dateTime(Instant at, ZoneId zone, Locale locale) {
    ZonedDateTime local = at.atZone(zone);
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(local) + ", "
        + DateTimeFormatter.ofPattern("HH:mm", locale).format(local) + " ("
        + DateTimeFormatter.ofPattern("O", locale).format(local) + ", " + zone.getDisplayName(TextStyle.FULL, locale)
        + ")";
  }
}
