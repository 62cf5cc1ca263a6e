package io.escala.enrollment;

import io.escala.payments.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Courses and their cohorts, as staff edit them and the public catalog shows them. */
@Service
public class CourseCatalog {

  static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,58}[A-Za-z0-9])?");

  private static final String COURSE = "SELECT id, slug, title, summary, language, kind, lms_course_id, lessons,"
      + " published FROM course";
  private static final String COHORT = "SELECT id, course_id, code, starts_at, ends_at, time_zone, capacity,"
      + " seats_taken, price_minor, currency, join_url, replay_url, enrollment_open FROM course_cohort";

  private final JdbcClient jdbc;
  private final Clock clock;

  CourseCatalog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A course as staff enter it; the slug is its identity (saving an existing slug updates that course). */
  public record CourseDraft(String slug, String title, String summary, Locale language, Course.Kind kind,
      String lmsCourseId, int lessons, boolean published) {}

  /** A cohort as staff enter it; the code is its identity (saving an existing code updates that cohort). */
  public record CohortDraft(long courseId, String code, Instant startsAt, Instant endsAt, ZoneId timeZone,
      int capacity, Money price, String joinUrl, String replayUrl, boolean enrollmentOpen) {}

  /** A draft staff must correct; {@code messageKey} names the reason in the enrollment message bundle. */
  public static final class CatalogException extends RuntimeException {
    private final String messageKey;

    public CatalogException(String messageKey) {
      super(messageKey);
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  public List<Course> courses(boolean publishedOnly) {
    return jdbc.sql(COURSE + (publishedOnly ? " WHERE published" : "") + " ORDER BY title")
        .query(CourseCatalog::course).list();
  }

  public Optional<Course> course(String slug) {
    return jdbc.sql(COURSE + " WHERE slug = ?").param(slug).query(CourseCatalog::course).optional();
  }

  public Optional<Course> course(long id) {
    return jdbc.sql(COURSE + " WHERE id = ?").param(id).query(CourseCatalog::course).optional();
  }

  /** A course's cohorts, soonest first. */
  public List<Cohort> cohortsOf(long courseId) {
    return jdbc.sql(COHORT + " WHERE course_id = ? ORDER BY starts_at, id").param(courseId)
        .query(CourseCatalog::cohort).list();
  }

  /** The cohorts a visitor may still enroll in. */
  public List<Cohort> openCohortsOf(long courseId) {
    Instant now = clock.instant();
    return cohortsOf(courseId).stream().filter(cohort -> cohort.takesEnrollments(now)).toList();
  }

  public Optional<Cohort> cohort(String code) {
    return jdbc.sql(COHORT + " WHERE code = ?").param(code).query(CourseCatalog::cohort).optional();
  }

  public Optional<Cohort> cohort(long id) {
    return jdbc.sql(COHORT + " WHERE id = ?").param(id).query(CourseCatalog::cohort).optional();
  }

  @Transactional
  public Course save(CourseDraft draft) {
    if (draft.slug() == null || !SLUG.matcher(draft.slug()).matches()) {
      throw new CatalogException("enrollment.catalog.error.slug");
    }
    if (draft.title() == null || draft.title().isBlank() || draft.title().length() > 200) {
      throw new CatalogException("enrollment.catalog.error.title");
    }
    String summary = draft.summary() == null ? "" : draft.summary().strip();
    if (summary.length() > 2000) {
      throw new CatalogException("enrollment.catalog.error.summary");
    }
    String language = draft.language() == null ? null : draft.language().toLanguageTag();
    if (!List.of("es", "pt-BR", "en").contains(language)) {
      throw new CatalogException("enrollment.catalog.error.language");
    }
    if (draft.kind() == null) {
      throw new CatalogException("enrollment.catalog.error.kind");
    }
    if (draft.lessons() < 0 || draft.lessons() > 500) {
      throw new CatalogException("enrollment.catalog.error.lessons");
    }
    String lmsCourseId = blankToNull(draft.lmsCourseId());
    OffsetDateTime now = utc(clock.instant());
    int updated = jdbc.sql("UPDATE course SET title = ?, summary = ?, language = ?, kind = ?, lms_course_id = ?,"
            + " lessons = ?, published = ?, updated_at = ? WHERE slug = ?")
        .params(draft.title().strip(), summary, language, draft.kind().name(), lmsCourseId, draft.lessons(),
            draft.published(), now, draft.slug())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO course (slug, title, summary, language, kind, lms_course_id, lessons, published,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(draft.slug(), draft.title().strip(), summary, language, draft.kind().name(), lmsCourseId,
              draft.lessons(), draft.published(), now, now)
          .update();
    }
    return course(draft.slug()).orElseThrow();
  }

  @Transactional
  public Cohort save(CohortDraft draft) {
    if (course(draft.courseId()).isEmpty()) {
      throw new CatalogException("enrollment.catalog.error.course");
    }
    if (draft.code() == null || !CODE.matcher(draft.code()).matches()) {
      throw new CatalogException("enrollment.catalog.error.code");
    }
    if (draft.startsAt() == null || draft.endsAt() == null || !draft.endsAt().isAfter(draft.startsAt())) {
      throw new CatalogException("enrollment.catalog.error.times");
    }
    if (draft.timeZone() == null) {
      throw new CatalogException("enrollment.catalog.error.zone");
    }
    if (draft.capacity() < 0 || draft.capacity() > 100_000) {
      throw new CatalogException("enrollment.catalog.error.capacity");
    }
    if (draft.price() != null && draft.price().amount().signum() <= 0) {
      throw new CatalogException("enrollment.catalog.error.price");
    }
    String joinUrl = checkedUrl(draft.joinUrl());
    String replayUrl = checkedUrl(draft.replayUrl());
    Long priceMinor = draft.price() == null ? null : draft.price().minorUnits();
    String currency = draft.price() == null ? null : draft.price().currencyCode();
    OffsetDateTime now = utc(clock.instant());
    Optional<Cohort> existing = cohort(draft.code());
    if (existing.isPresent() && existing.get().courseId() != draft.courseId()) {
      throw new CatalogException("enrollment.catalog.error.code-taken");
    }
    try {
      if (existing.isPresent()) {
        jdbc.sql("UPDATE course_cohort SET starts_at = ?, ends_at = ?, time_zone = ?, capacity = ?,"
                + " price_minor = ?, currency = ?, join_url = ?, replay_url = ?, enrollment_open = ?, updated_at = ?"
                + " WHERE code = ?")
            .params(utc(draft.startsAt()), utc(draft.endsAt()), draft.timeZone().getId(), draft.capacity(),
                priceMinor, currency, joinUrl, replayUrl, draft.enrollmentOpen(), now, draft.code())
            .update();
      } else {
        jdbc.sql("INSERT INTO course_cohort (course_id, code, starts_at, ends_at, time_zone, capacity, price_minor,"
                + " currency, join_url, replay_url, enrollment_open, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(draft.courseId(), draft.code(), utc(draft.startsAt()), utc(draft.endsAt()),
                draft.timeZone().getId(), draft.capacity(), priceMinor, currency, joinUrl, replayUrl,
                draft.enrollmentOpen(), now, now)
            .update();
      }
    } catch (DataIntegrityViolationException belowSeatsTaken) {
      // the cohort_seats check: fewer seats than people already holding one
      throw new CatalogException("enrollment.catalog.error.capacity-below-seats");
    }
    return cohort(draft.code()).orElseThrow();
  }

  private static String checkedUrl(String url) {
    String value = blankToNull(url);
    if (value != null && (value.length() > 500 || !value.startsWith("https://"))) {
      throw new CatalogException("enrollment.catalog.error.url");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Course course(ResultSet rs, int row) throws SQLException {
    return new Course(rs.getLong("id"), rs.getString("slug"), rs.getString("title"), rs.getString("summary"),
        Locale.forLanguageTag(rs.getString("language")), Course.Kind.valueOf(rs.getString("kind")),
        rs.getString("lms_course_id"), rs.getInt("lessons"), rs.getBoolean("published"));
  }

  private static Cohort cohort(ResultSet rs, int row) throws SQLException {
    long minor = rs.getLong("price_minor");
    Money price = rs.wasNull() ? null : Money.ofMinorUnits(minor, rs.getString("currency"));
    return new Cohort(rs.getLong("id"), rs.getLong("course_id"), rs.getString("code"), instant(rs, "starts_at"),
        instant(rs, "ends_at"), ZoneId.of(rs.getString("time_zone")), rs.getInt("capacity"),
        rs.getInt("seats_taken"), price, rs.getString("join_url"), rs.getString("replay_url"),
        rs.getBoolean("enrollment_open"));
  }

}
