package io.escala.leads;

import io.escala.platform.LocaleConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import io.escala.platform.CaseMessages;
import io.escala.platform.Countries;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Captured leads become exactly one case per e-mail address; a lead that already has an open case is not started
 * again: the new submission is stored next to the lead and reaches the running case as activity. Also where tracked
 * clicks, events and unsubscribes arrive ({@link LeadActivity}).
 */
@Service
public class LeadService implements LeadActivity {

  private static final Logger log = LoggerFactory.getLogger(LeadService.class);

  private final LeadRepository leads;
  private final EngagementEvents engagementEvents;
  private final LeadSubmissions submissions;
  private final MarketingConsents consents;
  private final RuntimeService runtimeService;
  private final CaseMessages caseMessages;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public LeadService(LeadRepository leads, EngagementEvents engagementEvents, LeadSubmissions submissions,
      MarketingConsents consents, RuntimeService runtimeService, CaseMessages caseMessages,
      TransactionTemplate transaction, Clock clock) {
    this.caseMessages = caseMessages;
    this.leads = leads;
    this.engagementEvents = engagementEvents;
    this.submissions = submissions;
    this.consents = consents;
    this.runtimeService = runtimeService;
    this.transaction = transaction;
    this.clock = clock;
  }

  public enum CaptureOutcome { STARTED, ADDED_TO_OPEN_CASE, RESTARTED }

  public record Captured(String leadKey, CaptureOutcome outcome) {}

  /**
   * Anybody can type any address into a form, so a submission is only a claim: it is stored as it came
   * ({@code lead_submission}), becomes the profile only for an address not known yet, and its e-mail consent is a
   * request the address owner has to confirm ({@link ConsentConfirmations}).
   *
   * @param consentText the consent texts exactly as shown (or as the form tool reports them), in their language
   * @param source {@code contact-form} or {@code webhook:<tool>}
   * @param clientIp the sender's address, kept with the submission and the consent request as evidence
   */
  public Captured capture(LeadSubmission submission, Locale requestedLocale, String consentText, String source,
      String clientIp) {
    Lead lead = toLead(submission, requestedLocale, consentText, source);
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(status -> captureInTransaction(lead, clientIp));
      } catch (DuplicateKeyException concurrentFirstSubmission) {
        if (attempt == 2) {
          throw concurrentFirstSubmission;
        }
      }
    }
  }

  private Captured captureInTransaction(Lead submitted, String clientIp) {
    Optional<Lead> existing = leads.find(submitted.key());
    boolean consentAsked = submitted.consentEmail();
    if (existing.isEmpty()) {
      // Nobody's profile to overwrite; e-mail consent only once the owner confirms it.
      Lead lead = withoutEmailConsent(submitted);
      leads.insert(lead);
      requestConsent(submitted, submissions.record(submitted, clientIp, true), clientIp);
      start(lead, consentAsked);
      return new Captured(lead.key(), CaptureOutcome.STARTED);
    }
    // Kept for staff; the profile changes only if the owner confirms this submission.
    requestConsent(submitted, submissions.record(submitted, clientIp, false), clientIp);
    if (hasOpenCase(submitted.key())) {
      String eventId = "resubmitted:" + UUID.randomUUID();
      engagementEvents.record(submitted.key(), EngagementType.FORM_RESUBMITTED, submitted.source(), eventId,
          clock.instant());
      correlateAll(LeadProcess.LEAD_ENGAGED, submitted.key());
      if (consentAsked) {
        correlateAll(LeadProcess.CONSENT_CONFIRMATION_REQUESTED, submitted.key());
      }
      return new Captured(submitted.key(), CaptureOutcome.ADDED_TO_OPEN_CASE);
    }
    // The earlier case ended (sequence finished, handled, unsubscribed...): a new submission is a new conversation,
    // on the stored profile and consent.
    leads.reopen(submitted.key(), clock.instant());
    start(leads.find(submitted.key()).orElseThrow(), consentAsked);
    return new Captured(submitted.key(), CaptureOutcome.RESTARTED);
  }

  private void requestConsent(Lead submitted, long submissionId, String clientIp) {
    if (submitted.consentEmail()) {
      consents.request(submitted.key(), submissionId, submitted.consentText(), clientIp, submitted.createdAt());
    }
  }

  private static Lead withoutEmailConsent(Lead lead) {
    return new Lead(lead.key(), lead.name(), lead.company(), lead.role(), lead.companySize(), lead.country(),
        lead.budgetRange(), lead.interest(), lead.need(), lead.language(), lead.timeZone(), false,
        lead.consentPhone(), lead.consentText(), lead.consentAt(), lead.source(), lead.status(), lead.createdAt());
  }

  /** @param consentAsked e-mail consent ticked in this submission: the case asks the owner to confirm it */
  private void start(Lead lead, boolean consentAsked) {
    runtimeService.startProcessInstanceByKey(LeadProcess.KEY, lead.key(), Variables.createVariables()
        .putValue("leadKey", lead.key())
        .putValue("email", lead.email())
        .putValue("name", lead.name())
        .putValue("firstName", lead.firstName())
        .putValue("company", lead.company())
        // the task names of the diagram say whose case it is: "Qualify lead: ${leadLabel}"
        .putValue("leadLabel", lead.label())
        .putValue("country", lead.country())
        .putValue("locale", lead.language().toLanguageTag())
        .putValue("interest", lead.interest())
        // Given (confirmed) or asked for: either way the case goes on to "Ask the owner to confirm e-mail consent".
        .putValue("consentEmail", lead.mayReceiveEmail() || consentAsked)
        .putValue("consentPhone", lead.consentPhone()));
  }

  public boolean isKnown(String leadKey) {
    return leads.find(leadKey).isPresent();
  }

  public boolean hasOpenCase(String leadKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadProcess.KEY)
        .processInstanceBusinessKey(leadKey).count() > 0;
  }

  @Override
  public boolean engaged(String leadKey, EngagementType type, String detail, String eventId) {
    if (leads.find(leadKey).isEmpty()) {
      return false;
    }
    Boolean recorded = transaction.execute(status -> {
      if (!engagementEvents.record(leadKey, type, detail, eventId, clock.instant())) {
        return false; // a replayed event: counted once
      }
      correlateAll(LeadProcess.LEAD_ENGAGED, leadKey);
      return true;
    });
    return Boolean.TRUE.equals(recorded);
  }

  @Override
  public boolean unsubscribed(String leadKey) {
    if (leads.find(leadKey).isEmpty()) {
      return false;
    }
    transaction.executeWithoutResult(status -> {
      if (leads.markUnsubscribed(leadKey, clock.instant())) {
        log.info("Lead unsubscribed");
      }
      correlateAll(LeadProcess.LEAD_UNSUBSCRIBED, leadKey);
    });
    return true;
  }

  /** A hard bounce reported by the mail provider: the address is not mailed again. */
  public boolean bounced(String leadKey) {
    if (leads.find(leadKey).isEmpty()) {
      return false;
    }
    transaction.executeWithoutResult(status -> {
      leads.markStatus(leadKey, Lead.Status.BOUNCED, clock.instant());
      // Always told: a case may have been started again since the status was last set.
      correlateAll(LeadProcess.EMAIL_BOUNCED, leadKey);
    });
    return true;
  }

  /** Sales took the lead over outside the sequence (e.g. from the CRM): the sequence stops. */
  public boolean handledBySales(String leadKey) {
    if (leads.find(leadKey).isEmpty()) {
      return false;
    }
    transaction.executeWithoutResult(status -> {
      leads.markStatus(leadKey, Lead.Status.HANDLED, clock.instant());
      correlateAll(LeadProcess.LEAD_HANDLED, leadKey);
    });
    return true;
  }

  /** Delivered after the caller's commit; a case busy in a job gets it when it is ready (CaseMessages). */
  private void correlateAll(String message, String leadKey) {
    caseMessages.send(message, leadKey);
  }

  private Lead toLead(LeadSubmission s, Locale requestedLocale, String consentText, String source) {
    Instant now = clock.instant();
    Locale language = LocaleConfiguration.supported(requestedLocale);
    return new Lead(LeadKeys.of(s.getEmail()), s.getName().strip(), blankToNull(s.getCompany()),
        blankToNull(s.getRole()), blankToNull(s.getCompanySize()), blankToNull(s.getCountry()),
        blankToNull(s.getBudgetRange()), blankToNull(s.getInterest()), blankToNull(s.getNeed()), language,
        Countries.zone(s.getTimeZone(), s.getCountry()), s.isConsentEmail(), s.isConsentPhone(), consentText, now,
        source, Lead.Status.OPEN, now);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
