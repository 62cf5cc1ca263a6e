package io.escala.enrollment;

import io.escala.payments.Money;
import io.escala.platform.ClusterStartupLock;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A catalog to try the enrollment pages with on a fresh embedded default ({@code escala.enrollment.sample-catalog},
 * on in application.yaml, off in application-postgres.yaml): a Spanish course paid in pesos, a Brazilian course paid
 * in reais and a free live webinar, a few weeks from the first start. Only into an empty catalog, while this node
 * holds the start-up lock, so two nodes starting together on one database add it once.
 */
@Component
class SampleCatalog implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SampleCatalog.class);

  private final boolean enabled;
  private final CourseCatalog catalog;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ClusterStartupLock startupLock;
  private final Clock clock;

  SampleCatalog(@Value("${escala.enrollment.sample-catalog:false}") boolean enabled, CourseCatalog catalog,
      JdbcClient jdbc, PlatformTransactionManager transactions, ClusterStartupLock startupLock, Clock clock) {
    this.enabled = enabled;
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.startupLock = startupLock;
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!enabled) {
      return;
    }
    // Held from the engine's build until the context is refreshed (a no-op on H2); taking it again is harmless.
    startupLock.acquire();
    transaction.executeWithoutResult(status -> {
      if (jdbc.sql("SELECT COUNT(*) FROM course").query(Long.class).single() > 0) {
        return;
      }
      insert();
      log.info("Sample course catalog added: see /courses and /staff/courses");
    });
  }

  private void insert() {
    ZoneId mexico = ZoneId.of("America/Mexico_City");
    ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
    ZoneId bogota = ZoneId.of("America/Bogota");

    Course classroom = catalog.save(new CourseCatalog.CourseDraft("ia-en-el-aula", "IA en el aula: tu primer asistente",
        "Seis semanas para diseñar, probar y usar con tus estudiantes un asistente de IA para tu materia, con"
            + " ejemplos de docentes de México, Colombia y Chile.",
        Locale.forLanguageTag("es"), Course.Kind.COURSE, null, 12, true));
    catalog.save(new CourseCatalog.CohortDraft(classroom.id(), "ia-en-el-aula-1", weeksAhead(3, 18, mexico),
        weeksAhead(9, 20, mexico), mexico, 25, Money.of("1490.00", "MXN"), null, null, true));

    Course automation = catalog.save(new CourseCatalog.CourseDraft("automacao-com-ia",
        "Automação com IA para pequenos negócios",
        "Quatro semanas para automatizar atendimento, propostas e cobranças com IA, passo a passo e sem programar.",
        Locale.forLanguageTag("pt-BR"), Course.Kind.COURSE, null, 8, true));
    catalog.save(new CourseCatalog.CohortDraft(automation.id(), "automacao-com-ia-1", weeksAhead(4, 19, saoPaulo),
        weeksAhead(8, 21, saoPaulo), saoPaulo, 20, Money.of("297.00", "BRL"), null, null, true));

    Course webinar = catalog.save(new CourseCatalog.CourseDraft("webinar-prompts-que-funcionan",
        "Webinar en vivo: prompts que funcionan",
        "Una hora en vivo para escribir instrucciones claras a un modelo de lenguaje, con preguntas al final.",
        Locale.forLanguageTag("es"), Course.Kind.WEBINAR, null, 0, true));
    ZonedDateTime webinarStart = weeksAhead(2, 17, bogota).atZone(bogota);
    catalog.save(new CourseCatalog.CohortDraft(webinar.id(), "webinar-prompts-1", webinarStart.toInstant(),
        webinarStart.plusMinutes(75).toInstant(), bogota, 100, null, "https://meet.jit.si/escala-webinar-prompts",
        null, true));
  }

  private java.time.Instant weeksAhead(int weeks, int hour, ZoneId zone) {
    return clock.instant().atZone(zone).toLocalDate().plusWeeks(weeks).atTime(LocalTime.of(hour, 0)).atZone(zone)
        .toInstant();
  }
}
