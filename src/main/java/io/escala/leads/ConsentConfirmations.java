package io.escala.leads;

import io.escala.mail.EmailRequest;
import io.escala.mail.EmailSender;
import io.escala.mail.Recipient;
import io.escala.platform.CaseMessages;
import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import io.escala.platform.SignedLinks.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Double opt-in of marketing e-mail. Ticking the consent box only asks for consent: a transactional e-mail to the
 * address carries a signed link to a confirm page, and only the click on its button (a POST, so mail scanners that
 * open links confirm nothing) gives consent. Confirming also makes the submission the link was sent for the lead's
 * profile, and lifts an earlier unsubscribe. The state lives in {@code lead_consent}; the case only gets a
 * {@code MarketingConsentConfirmed} wake-up.
 */
@Service
public class ConsentConfirmations {

  private static final Logger log = LoggerFactory.getLogger(ConsentConfirmations.class);
  static final String PURPOSE = "lead-consent";
  static final String TEMPLATE = "leads/confirm-consent";

  private final MarketingConsents consents;
  private final LeadSubmissions submissions;
  private final LeadRepository leads;
  private final SignedLinks signedLinks;
  private final PublicUrl publicUrl;
  private final EmailSender emailSender;
  private final CaseMessages caseMessages;
  private final TransactionTemplate transaction;
  private final LeadConsentProperties properties;
  private final Clock clock;

  public ConsentConfirmations(MarketingConsents consents, LeadSubmissions submissions, LeadRepository leads,
      SignedLinks signedLinks, PublicUrl publicUrl, EmailSender emailSender, CaseMessages caseMessages,
      TransactionTemplate transaction, LeadConsentProperties properties, Clock clock) {
    this.consents = consents;
    this.submissions = submissions;
    this.leads = leads;
    this.signedLinks = signedLinks;
    this.publicUrl = publicUrl;
    this.emailSender = emailSender;
    this.caseMessages = caseMessages;
    this.transaction = transaction;
    this.properties = properties;
    this.clock = clock;
  }

  /** Consent confirmed by the owner and not withdrawn since (nor the address bouncing). */
  public boolean isConfirmed(String leadKey) {
    return leads.find(leadKey).map(Lead::mayReceiveEmail).orElse(false);
  }

  /**
   * Sends the confirmation e-mail for the newest consent request still waiting for one, at most one per address a
   * day (see {@link MarketingConsents#claimConfirmationMail}). Runs in the job's transaction; the token is made here
   * and never stored, so neither history nor Cockpit holds it.
   *
   * @return true when an e-mail went out
   */
  public boolean sendPending(String leadKey) {
    Optional<MarketingConsents.ConsentRequest> claimed = consents.claimConfirmationMail(leadKey, clock.instant());
    if (claimed.isEmpty()) {
      log.info("No confirmation e-mail sent: nothing pending, or one went out within a day");
      return false;
    }
    Lead lead = leads.find(leadKey).orElseThrow();
    String token = signedLinks.sign(PURPOSE, String.valueOf(claimed.get().id()), properties.confirmWithin());
    Map<String, Object> model = new HashMap<>();
    model.put("confirmUrl", publicUrl.to("/contact/confirm", "token", token, "lang",
        lead.language().toLanguageTag()));
    model.put("validDays", Math.max(1, properties.confirmWithin().toDays()));
    // No name in it: whoever filled in the form chose the name, and this e-mail goes to somebody else's inbox.
    emailSender.send(new EmailRequest("lead-consent:" + claimed.get().id(), TEMPLATE,
        new Recipient(lead.email(), null), lead.language(), model, new Object[0]));
    return true;
  }

  public enum Result { CONFIRMABLE, CONFIRMED, ALREADY_CONFIRMED, EXPIRED, INVALID }

  /** What the link would do, without doing it (the GET behind the link). */
  public Result check(String token) {
    return request(token).map(request -> {
      if (request.confirmedAt() != null) {
        return Result.ALREADY_CONFIRMED;
      }
      return supersededByUnsubscribe(request) ? Result.EXPIRED : Result.CONFIRMABLE;
    }).orElseGet(() -> invalidOrExpired(token));
  }

  /** The owner's click. Idempotent: a second click changes nothing and says so. */
  public Result confirm(String token, String clientIp) {
    Optional<MarketingConsents.ConsentRequest> found = request(token);
    if (found.isEmpty()) {
      return invalidOrExpired(token);
    }
    MarketingConsents.ConsentRequest request = found.get();
    return transaction.execute(status -> {
      if (supersededByUnsubscribe(request)) {
        return Result.EXPIRED;
      }
      Instant now = clock.instant();
      String evidence = "Confirmation link e-mailed to " + request.leadKey() + " at " + request.mailSentAt()
          + "; button on the confirm page clicked at " + now + ". Consent text: " + request.consentText();
      if (!consents.markConfirmed(request.id(), now, clientIp, shortened(evidence))) {
        return Result.ALREADY_CONFIRMED;
      }
      LeadSubmissions.Submission submission = submissions.find(request.submissionId()).orElseThrow();
      leads.applyConfirmedSubmission(submission.data(), request.consentText(), now);
      submissions.markApplied(submission.id(), now);
      // After the commit; a case busy in a job gets it when it waits (never a 500 for the click).
      caseMessages.send(LeadProcess.MARKETING_CONSENT_CONFIRMED, request.leadKey());
      log.info("Marketing e-mail consent confirmed by the address owner");
      return Result.CONFIRMED;
    });
  }

  private Optional<MarketingConsents.ConsentRequest> request(String token) {
    return signedLinks.verify(PURPOSE, token).validSubject().flatMap(ConsentConfirmations::id)
        .flatMap(consents::find)
        .filter(request -> leads.find(request.leadKey()).isPresent());
  }

  private Result invalidOrExpired(String token) {
    Verification verification = signedLinks.verify(PURPOSE, token);
    // A valid signature whose request is gone (erased) is an expired link, not a forged one.
    return verification.status() == SignedLinks.Status.INVALID ? Result.INVALID : Result.EXPIRED;
  }

  /** An unsubscribe stands until the owner confirms a request made after it; older links cannot undo it. */
  private boolean supersededByUnsubscribe(MarketingConsents.ConsentRequest request) {
    return leads.unsubscribedAt(request.leadKey()).map(at -> !request.requestedAt().isAfter(at)).orElse(false);
  }

  private static Optional<Long> id(String subject) {
    try {
      return Optional.of(Long.parseLong(subject));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String shortened(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000);
  }
}
