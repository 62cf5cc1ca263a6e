package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.payments.Money;
import io.escala.platform.ClusterStartupLock;
import io.escala.support.MigratedTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The sample catalog of the embedded default: three courses (pesos, reais, a free live webinar) a few weeks ahead,
 * added to an empty catalog only, and once. Two nodes on PostgreSQL are kept apart by the start-up lock it takes
 * (ClusterStartupLockPostgresIT); on H2 that lock does nothing.
 */
class SampleCatalogTest {

  private static final Instant NOW = Instant.parse("2031-03-03T15:00:00Z");

  private final MigratedTestDatabase db = MigratedTestDatabase.h2("sample-catalog");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final CourseCatalog catalog = new CourseCatalog(db.jdbc, clock);

  private SampleCatalog sample(boolean enabled) {
    return new SampleCatalog(enabled, catalog, db.jdbc, db.transactionManager,
        new ClusterStartupLock(db.dataSource, Duration.ofSeconds(5)), clock);
  }

  @Test
  void anEmptyCatalogGetsThreeCoursesWithOpenCohortsAFewWeeksAhead() {
    sample(true).afterSingletonsInstantiated();
    List<Course> courses = catalog.courses(true);
    assertThat(courses).extracting(Course::slug)
        .containsExactlyInAnyOrder("ia-en-el-aula", "automacao-com-ia", "webinar-prompts-que-funcionan");
    assertThat(courses).extracting(course -> course.language().toLanguageTag()).contains("es", "pt-BR");
    List<Cohort> cohorts = courses.stream().flatMap(course -> catalog.openCohortsOf(course.id()).stream()).toList();
    assertThat(cohorts).hasSize(3).allSatisfy(cohort -> assertThat(cohort.startsAt())
        .isBetween(NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(35))));
    assertThat(cohorts).extracting(Cohort::price).containsExactlyInAnyOrder(Money.of("1490.00", "MXN"),
        Money.of("297.00", "BRL"), null);
    Cohort webinar = catalog.cohort("webinar-prompts-1").orElseThrow();
    assertThat(webinar.isFree()).isTrue();
    assertThat(webinar.isLive()).isTrue();
    assertThat(catalog.course("webinar-prompts-que-funcionan").orElseThrow().kind()).isEqualTo(Course.Kind.WEBINAR);
  }

  @Test
  void aSecondStartOrACatalogWithCoursesAddsNothing() {
    sample(true).afterSingletonsInstantiated();
    sample(true).afterSingletonsInstantiated();
    assertThat(catalog.courses(false)).hasSize(3);

    MigratedTestDatabase other = MigratedTestDatabase.h2("sample-catalog-own");
    CourseCatalog own = new CourseCatalog(other.jdbc, clock);
    own.save(new CourseCatalog.CourseDraft("propio", "Curso propio", "", Locale.forLanguageTag("es"),
        Course.Kind.COURSE, null, 3, true));
    new SampleCatalog(true, own, other.jdbc, other.transactionManager,
        new ClusterStartupLock(other.dataSource, Duration.ofSeconds(5)), clock).afterSingletonsInstantiated();
    assertThat(own.courses(false)).extracting(Course::slug).containsExactly("propio");
  }

  @Test
  void switchedOffItAddsNothing() {
    sample(false).afterSingletonsInstantiated();
    assertThat(catalog.courses(false)).isEmpty();
  }
}
