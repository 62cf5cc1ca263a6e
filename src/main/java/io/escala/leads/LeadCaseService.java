package io.escala.leads;

import io.escala.crm.ContactData;
import io.escala.crm.Crm;
import io.escala.crm.DealData;
import io.escala.crm.LifecycleStage;
import io.escala.llm.Generated;
import io.escala.llm.LanguageModel;
import io.escala.llm.PersonalDataRedactor;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** The work behind the lead-nurturing diagram's service tasks; the delegates only move variables. */
@Service
public class LeadCaseService {

  private final LeadRepository leads;
  private final LeadScoring scoring;
  private final LeadScoreHistory history;
  private final NeedAnalyses needAnalyses;
  private final LanguageModel languageModel;
  private final PersonalDataRedactor redactor;
  private final SalesOwners salesOwners;
  private final Crm crm;
  private final LeadSalesProperties properties;
  private final ScoreReasonTexts reasonTexts;
  private final MessageSource messages;
  private final Clock clock;

  public LeadCaseService(LeadRepository leads, LeadScoring scoring, LeadScoreHistory history,
      NeedAnalyses needAnalyses, LanguageModel languageModel, PersonalDataRedactor redactor, SalesOwners salesOwners,
      Crm crm, LeadSalesProperties properties, ScoreReasonTexts reasonTexts, MessageSource messages, Clock clock) {
    this.leads = leads;
    this.scoring = scoring;
    this.history = history;
    this.needAnalyses = needAnalyses;
    this.languageModel = languageModel;
    this.redactor = redactor;
    this.salesOwners = salesOwners;
    this.crm = crm;
    this.properties = properties;
    this.reasonTexts = reasonTexts;
    this.messages = messages;
    this.clock = clock;
  }

  public Lead lead(String leadKey) {
    return leads.find(leadKey).orElseThrow(() -> new IllegalStateException("No lead " + leadKey + " (erased?)"));
  }

  /**
   * The LLM's reading of the free-text need, for sales. It informs people; it never changes the score. A paid call at
   * most once per address a day: a case started again within the day reuses the stored analysis.
   */
  public Generated<LeadNeedTask.NeedAnalysis> analyzeNeed(String leadKey, String caseId) {
    Lead lead = lead(leadKey);
    Instant now = clock.instant();
    Optional<Generated<LeadNeedTask.NeedAnalysis>> recent = needAnalyses.lockRecent(leadKey, now);
    if (recent.isPresent()) {
      return recent.get();
    }
    String redactedNeed = lead.need() == null ? null : redactor.redact(lead.need());
    Generated<LeadNeedTask.NeedAnalysis> analysis = languageModel.generate(
        new LeadNeedTask(lead.language(), lead.interest(), lead.role(), redactedNeed), caseId);
    needAnalyses.store(leadKey, analysis, now);
    return analysis;
  }

  public LeadScore score(String leadKey) {
    Lead lead = lead(leadKey);
    return scoring.score(leadKey, lead.profile(), clock.instant());
  }

  /** One reason per line in the sales team's language: "+15 presupuesto ≥ 5k USD/mes". */
  public String reasonsText(LeadScore score) {
    return reasonTexts.lines(score.reasons(), properties.language());
  }

  /** "Puntaje 72 (caliente)" and the reasons below it, for the CRM note. */
  public String scoreText(Object total, Object route, String reasonsText) {
    return messages.getMessage("leads.score.summary", new Object[] {String.valueOf(total), routeWord(route)},
        properties.language()) + "\n" + reasonsText;
  }

  /** hot, warm, cold in the sales team's language; an unknown route as it is. */
  private String routeWord(Object route) {
    String code = String.valueOf(route);
    return messages.getMessage("leads.route." + code, null, code, properties.language());
  }

  /** Newest first, one line per scoring: "2026-11-26 10:00 · 72 (ajuste 55, interacción 17) · hot". */
  public String historyText(String leadKey) {
    return history.of(leadKey).stream().limit(10)
        .map(score -> messages.getMessage("leads.score.historyLine", new Object[] {
            score.computedAt().toString().substring(0, 16).replace('T', ' '), String.valueOf(score.total()),
            String.valueOf(score.fit()), String.valueOf(score.engagement()), routeWord(score.route())},
            properties.language()))
        .collect(Collectors.joining("\n"));
  }

  public record SalesAssignment(String owner, Date qualifyDue, Date escalationDue) {}

  public SalesAssignment assignOwner() {
    Instant now = clock.instant();
    Instant due = now.plus(properties.qualifyWithin());
    return new SalesAssignment(salesOwners.next(properties.group()), Date.from(due),
        Date.from(due.plus(properties.qualifyWithin())));
  }

  /** Contact (sales qualified) and one deal per lead: a retried job or a lead that turns hot twice updates both. */
  /** @param scoreText the latest scoring as the case holds it ("72 (hot)" and its reasons): no second scoring */
  public void upsertContactAndDeal(String leadKey, String owner, String scoreText, String needSummary) {
    Lead lead = lead(leadKey);
    String[] names = lead.name().split(" ", 2);
    crm.upsertContact(new ContactData(lead.email(), names[0], names.length > 1 ? names[1] : null, lead.company(),
        lead.country(), lead.language().toLanguageTag(), LifecycleStage.SALES_QUALIFIED, "lead-nurturing"));
    String description = scoreText + (needSummary == null ? "" : "\n\n" + needSummary);
    crm.upsertDeal(new DealData("lead:" + leadKey, lead.email(),
        (lead.company() == null ? lead.name() : lead.company()) + " — " + interestLabel(lead.interest()),
        "qualification", owner, description));
  }

  private static String interestLabel(String interest) {
    return interest == null ? "lead" : interest;
  }
}
