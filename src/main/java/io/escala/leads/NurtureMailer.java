package io.escala.leads;

import io.escala.llm.Generated;
import io.escala.llm.LanguageModel;
import io.escala.mail.EmailRequest;
import io.escala.mail.EmailSender;
import io.escala.mail.Recipient;
import io.escala.platform.DemoInvitations;
import io.escala.platform.IdempotencyKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * One e-mail of the nurture sequence: only with e-mail consent, inside the weekly marketing cap shared by all flows,
 * in the lead's language, with content from the catalog behind a tracked link and a one-click unsubscribe.
 */
@Service
public class NurtureMailer {

  private static final Logger log = LoggerFactory.getLogger(NurtureMailer.class);
  static final String TEMPLATE = "leads/nurture";

  private final LeadRepository leads;
  private final ContentCatalog catalog;
  private final TrackedLinks trackedLinks;
  private final UnsubscribeLinks unsubscribeLinks;
  private final MarketingFrequencyCap cap;
  private final SendWindow sendWindow;
  private final NurtureProperties properties;
  private final LanguageModel languageModel;
  private final EmailSender emailSender;
  private final MessageSource messages;
  private final Clock clock;
  private final ObjectProvider<DemoInvitations> demoInvitations;

  public NurtureMailer(LeadRepository leads, ContentCatalog catalog, TrackedLinks trackedLinks,
      UnsubscribeLinks unsubscribeLinks, MarketingFrequencyCap cap, SendWindow sendWindow,
      NurtureProperties properties, LanguageModel languageModel, EmailSender emailSender, MessageSource messages,
      Clock clock, ObjectProvider<DemoInvitations> demoInvitations) {
    this.demoInvitations = demoInvitations;
    this.messages = messages;
    this.leads = leads;
    this.catalog = catalog;
    this.trackedLinks = trackedLinks;
    this.unsubscribeLinks = unsubscribeLinks;
    this.cap = cap;
    this.sendWindow = sendWindow;
    this.properties = properties;
    this.languageModel = languageModel;
    this.emailSender = emailSender;
    this.clock = clock;
  }

  public record Result(int nextStep, boolean deferred, boolean moreEmails) {}

  /** When step {@code step} may go out: its delay after now (a day when deferred by the cap), in the send window. */
  public Instant nextSendTime(String leadKey, int step, boolean deferred) {
    Lead lead = lead(leadKey);
    List<Duration> delays = properties.stepDelays();
    Duration delay = deferred ? Duration.ofDays(1) : delays.get(Math.min(step, delays.size() - 1));
    return sendWindow.nextSendTime(clock.instant().plus(delay), lead.timeZone());
  }

  public Result send(DelegateExecution execution, String leadKey, int step) {
    Lead lead = lead(leadKey);
    int steps = properties.stepDelays().size();
    if (!lead.mayReceiveEmail()) {
      log.info("Nurture e-mail {} not sent: no e-mail consent", step);
      return new Result(step, false, false);
    }
    // The step is part of the key: the sequence sends every step from the same activity of the same case.
    String key = IdempotencyKeys.perIteration(execution, lead.email() + "#" + step);
    MarketingFrequencyCap.Decision decision = cap.tryReserve(lead.email(), key, clock.instant());
    if (decision == MarketingFrequencyCap.Decision.CAPPED) {
      log.info("Nurture e-mail {} deferred: weekly marketing cap reached", step);
      return new Result(step, true, true);
    }
    String interest = lead.interest() == null || "other".equals(lead.interest())
        ? String.valueOf(execution.getVariable("needCategory")) : lead.interest();
    List<ContentItem> candidates = catalog.forInterest(interest, lead.language());
    if (candidates.isEmpty()) {
      candidates = catalog.forInterest("ai-courses", lead.language());
    }
    ContentItem fallbackItem = candidates.get(step % candidates.size());
    // Offline the intro is a fixed sentence for the kind of content; the item's own summary follows it anyway.
    String fallbackIntro = messages.getMessage("mail.leads.nurture.intro." + fallbackItem.kind(), null,
        lead.language());
    Generated<NurtureEmailTask.NurtureCopy> copy = languageModel.generate(new NurtureEmailTask(lead.language(),
        interest, step, candidates, new NurtureEmailTask.NurtureCopy(fallbackItem.id(), fallbackIntro)),
        execution.getProcessInstanceId());
    ContentItem item = catalog.find(copy.value().contentId()).orElse(fallbackItem);

    Map<String, Object> model = new HashMap<>();
    model.put("firstName", lead.firstName());
    model.put("intro", copy.value().intro());
    model.put("introGeneratedBy", copy.generatedBy());
    model.put("contentTitle", item.title());
    model.put("contentKind", item.kind());
    model.put("contentSummary", item.summary());
    model.put("contentUrl", trackedLinks.track(leadKey, item.id(), item.url()));
    model.put("unsubscribeUrl", unsubscribeLinks.pageUrl(leadKey) + "&lang=" + lead.language().toLanguageTag());
    // a booking from this link joins this case (DemoBooked stops the sequence)
    demoInvitations.ifAvailable(invitations -> model.put("bookDemoUrl", invitations.bookDemoUrl(leadKey)));
    try {
      emailSender.send(new EmailRequest(key, TEMPLATE, new Recipient(lead.email(), lead.name()), lead.language(),
          model, new Object[] {item.title()}, unsubscribeLinks.headers(leadKey)));
    } catch (RuntimeException notDelivered) {
      // An e-mail that did not go out must not use up the contact's weekly marketing slot; the retry reserves anew.
      cap.release(key);
      throw notDelivered;
    }
    return new Result(step + 1, false, step + 1 < steps);
  }

  private Lead lead(String leadKey) {
    return leads.find(leadKey).orElseThrow(() -> new IllegalStateException("No lead " + leadKey + " (erased?)"));
  }
}
