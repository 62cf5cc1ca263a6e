package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.llm.Generated;
import io.escala.support.MigratedTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database limits of lead capture: one confirmation e-mail per address a day, one need analysis a day. */
class MarketingConsentsTest {

  private static final String LEAD = "ana@empresa.example";
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("consenttest");
  private final LeadRepository leads = new LeadRepository(database.jdbc);
  private final LeadSubmissions submissions = new LeadSubmissions(database.jdbc);
  private final MarketingConsents consents = new MarketingConsents(database.jdbc);
  private final NeedAnalyses analyses = new NeedAnalyses(database.jdbc, database.transactionManager);

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  private Lead submitted(String name, Instant at) {
    return new Lead(LEAD, name, "Aurora", "manager", "11-50", "MX", "1k-5k", "ai-courses", null,
        Locale.forLanguageTag("es"), ZoneId.of("America/Mexico_City"), true, false, "[email] Acepto", at,
        "contact-form", Lead.Status.OPEN, at);
  }

  private long requestAt(Instant at) {
    long submission = submissions.record(submitted("Ana", at), "192.0.2.1", false);
    return consents.request(LEAD, submission, "[email] Acepto", "192.0.2.1", at);
  }

  private Optional<MarketingConsents.ConsentRequest> claim(Instant now) {
    return database.transaction().execute(s -> consents.claimConfirmationMail(LEAD, now));
  }

  private Optional<Generated<LeadNeedTask.NeedAnalysis>> recentAnalysis(Instant now) {
    return database.transaction().execute(s -> analyses.lockRecent(LEAD, now));
  }

  private MarketingConsents.MailStatus statusOf(long id) {
    return consents.find(id).orElseThrow().mailStatus();
  }

  @Test
  void oneConfirmationEmailPerAddressADayForTheNewestRequest() {
    leads.insert(submitted("Ana", T0));
    long first = requestAt(T0);
    long second = requestAt(T0.plusSeconds(60));

    assertThat(claim(T0.plusSeconds(120)))
        .hasValueSatisfying(claimed -> assertThat(claimed.id()).isEqualTo(second));
    assertThat(statusOf(first)).isEqualTo(MarketingConsents.MailStatus.SKIPPED);
    assertThat(statusOf(second)).isEqualTo(MarketingConsents.MailStatus.SENT);

    long third = requestAt(T0.plus(Duration.ofHours(23)));
    assertThat(claim(T0.plus(Duration.ofHours(23))))
        .isEmpty();
    assertThat(statusOf(third)).as("not sent later either").isEqualTo(MarketingConsents.MailStatus.SKIPPED);

    long fourth = requestAt(T0.plus(Duration.ofHours(25)));
    assertThat(claim(T0.plus(Duration.ofHours(25))))
        .hasValueSatisfying(claimed -> assertThat(claimed.id()).isEqualTo(fourth));
  }

  @Test
  void nothingPendingSendsNothing() {
    leads.insert(submitted("Ana", T0));
    assertThat(claim(T0)).isEmpty();
  }

  @Test
  void aStoredNeedAnalysisIsReusedForADay() {
    Generated<LeadNeedTask.NeedAnalysis> analysis = new Generated<>(
        new LeadNeedTask.NeedAnalysis("ai-courses", "high", "Quiere capacitar docentes."), Generated.BY_LLM, "m");
    database.transaction().executeWithoutResult(s -> {
      assertThat(analyses.lockRecent(LEAD, T0)).isEmpty();
      analyses.store(LEAD, analysis, T0);
    });
    assertThat(recentAnalysis(T0.plus(Duration.ofHours(23))))
        .hasValueSatisfying(stored -> {
          assertThat(stored.value()).isEqualTo(analysis.value());
          assertThat(stored.generatedBy()).isEqualTo("llm");
        });
    assertThat(recentAnalysis(T0.plus(Duration.ofHours(24))))
        .isEmpty();
  }

  @Test
  void erasureLeavesNoSubmissionOrConsent() {
    leads.insert(submitted("Ana", T0));
    requestAt(T0);
    consents.deleteAll(LEAD);
    submissions.deleteAll(LEAD);
    assertThat(database.count("lead_submission", LEAD)).isZero();
    assertThat(database.count("lead_consent", LEAD)).isZero();
  }
}
