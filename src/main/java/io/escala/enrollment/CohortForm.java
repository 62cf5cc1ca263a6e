package io.escala.enrollment;

import io.escala.payments.Money;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The staff page's cohort form, as typed: start and end are local date-times in the chosen zone, the price is a
 * decimal in the chosen currency (blank, or "free" ticked, for a free cohort). What cannot be read comes back as a
 * {@link CourseCatalog.CatalogException} key; the rest is checked by
 * {@link CourseCatalog#save(CourseCatalog.CohortDraft)}.
 */
public class CohortForm {

  private String code;
  private String startsAt;
  private String endsAt;
  private String timeZone = "America/Mexico_City";
  private String capacity = "20";
  private boolean free;
  private String price;
  private String currency = "MXN";
  private String joinUrl;
  private String replayUrl;
  private boolean enrollmentOpen = true;

  static CohortForm of(Cohort cohort) {
    CohortForm form = new CohortForm();
    form.code = cohort.code();
    form.timeZone = cohort.timeZone().getId();
    form.startsAt = local(cohort.startsAt().atZone(cohort.timeZone()).toLocalDateTime());
    form.endsAt = local(cohort.endsAt().atZone(cohort.timeZone()).toLocalDateTime());
    form.capacity = String.valueOf(cohort.capacity());
    form.free = cohort.isFree();
    form.price = cohort.isFree() ? null : cohort.price().amount().toPlainString();
    form.currency = cohort.isFree() ? "MXN" : cohort.price().currencyCode();
    form.joinUrl = cohort.joinUrl();
    form.replayUrl = cohort.replayUrl();
    form.enrollmentOpen = cohort.enrollmentOpen();
    return form;
  }

  private static String local(LocalDateTime time) {
    return time.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  CourseCatalog.CohortDraft draft(long courseId) {
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone == null ? "" : timeZone.strip());
    } catch (DateTimeException unknown) {
      throw new CourseCatalog.CatalogException("enrollment.catalog.error.zone");
    }
    LocalDateTime start;
    LocalDateTime end;
    try {
      start = LocalDateTime.parse(startsAt == null ? "" : startsAt.strip());
      end = LocalDateTime.parse(endsAt == null ? "" : endsAt.strip());
    } catch (DateTimeParseException unreadable) {
      throw new CourseCatalog.CatalogException("enrollment.catalog.error.times");
    }
    int seats;
    try {
      seats = Integer.parseInt(capacity == null ? "" : capacity.strip());
    } catch (NumberFormatException notANumber) {
      throw new CourseCatalog.CatalogException("enrollment.catalog.error.capacity");
    }
    Money money = null;
    if (!free) {
      try {
        money = Money.of(price == null ? "" : price.strip().replace(',', '.'), currency);
      } catch (RuntimeException unreadable) {
        // not a number, too many decimals for the currency, or a currency Escala does not take
        throw new CourseCatalog.CatalogException("enrollment.catalog.error.price");
      }
    }
    return new CourseCatalog.CohortDraft(courseId, code == null ? null : code.strip(),
        start.atZone(zone).toInstant(), end.atZone(zone).toInstant(), zone, seats, money, joinUrl, replayUrl,
        enrollmentOpen);
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getStartsAt() {
    return startsAt;
  }

  public void setStartsAt(String startsAt) {
    this.startsAt = startsAt;
  }

  public String getEndsAt() {
    return endsAt;
  }

  public void setEndsAt(String endsAt) {
    this.endsAt = endsAt;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getCapacity() {
    return capacity;
  }

  public void setCapacity(String capacity) {
    this.capacity = capacity;
  }

  public boolean isFree() {
    return free;
  }

  public void setFree(boolean free) {
    this.free = free;
  }

  public String getPrice() {
    return price;
  }

  public void setPrice(String price) {
    this.price = price;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String getJoinUrl() {
    return joinUrl;
  }

  public void setJoinUrl(String joinUrl) {
    this.joinUrl = joinUrl;
  }

  public String getReplayUrl() {
    return replayUrl;
  }

  public void setReplayUrl(String replayUrl) {
    this.replayUrl = replayUrl;
  }

  public boolean isEnrollmentOpen() {
    return enrollmentOpen;
  }

  public void setEnrollmentOpen(boolean enrollmentOpen) {
    this.enrollmentOpen = enrollmentOpen;
  }
}
