package io.escala.demos;

import io.escala.calendar.CalendarRef;
import io.escala.calendar.EventReminders;
import io.escala.calendar.StaffCalendar;
import io.escala.crm.Crm;
import io.escala.crm.DealData;
import io.escala.demos.Booking.Status;
import io.escala.demos.DemoFollowUpTask.FollowUp;
import io.escala.llm.Generated;
import io.escala.llm.LanguageModel;
import io.escala.llm.PersonalDataRedactor;
import io.escala.platform.CaseMessages;
import io.escala.platform.KnownContacts;
import io.escala.whatsapp.WhatsAppMessages;
import io.escala.whatsapp.TemplateMessage;
import io.escala.whatsapp.WhatsAppRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * What the steps of a demo case do, in plain Java (the delegates only move variables). Every step reads the booking
 * row as it is now, so a step that runs after a reschedule never uses the old time.
 */
@Service
class DemoCaseService {

  /** Lead nurturing's message when the rep recorded an attended demo. */
  static final String DEMO_COMPLETED = "DemoCompleted";

  private static final Logger log = LoggerFactory.getLogger(DemoCaseService.class);

  /** Reminder plan: when, how long before the start, and for which start (a moved demo makes it void). */
  record ReminderPlan(Instant at, Duration before, Instant forStart) {}

  private final DemoBookings bookings;
  private final DemoReps reps;
  private final DemoMailer mailer;
  private final DemoCalendarEvents events;
  private final StaffCalendar calendar;
  private final Crm crm;
  private final LanguageModel languageModel;
  private final PersonalDataRedactor redactor;
  private final CaseMessages caseMessages;
  private final ObjectProvider<KnownContacts> knownContacts;
  private final WhatsAppMessages whatsApp;
  private final MessageSource messages;
  private final DemoProperties properties;
  private final Clock clock;
  private final String whatsAppTemplate;

  DemoCaseService(DemoBookings bookings, DemoReps reps, DemoMailer mailer, DemoCalendarEvents events,
      StaffCalendar calendar, Crm crm, LanguageModel languageModel, PersonalDataRedactor redactor,
      CaseMessages caseMessages, ObjectProvider<KnownContacts> knownContacts, WhatsAppMessages whatsApp,
      MessageSource messages, DemoProperties properties, Clock clock,
      @Value("${escala.demos.whatsapp-reminder-template:demo_reminder}") String whatsAppTemplate) {
    this.bookings = bookings;
    this.reps = reps;
    this.mailer = mailer;
    this.events = events;
    this.calendar = calendar;
    this.crm = crm;
    this.languageModel = languageModel;
    this.redactor = redactor;
    this.caseMessages = caseMessages;
    this.knownContacts = knownContacts;
    this.whatsApp = whatsApp;
    this.messages = messages;
    this.properties = properties;
    this.clock = clock;
    this.whatsAppTemplate = whatsAppTemplate;
  }

  Booking booking(String key) {
    return bookings.find(key).orElseThrow(() -> new IllegalStateException(
        "No booking " + key + " in demo_booking (erased?)"));
  }

  /** "Ana Souza · Academia Nova": the task names in Tasklist say whose demo it is. */
  static String label(Booking booking) {
    return booking.company() == null ? booking.name() : booking.name() + " · " + booking.company();
  }

  /** The staff-facing time of the demo, in the rep's zone and the team's language. */
  String staffTime(Booking booking) {
    return events.when(booking, properties.staffLanguage(), reps.zoneOf(booking.repId()));
  }

  /** "Record demo outcome" is due at the end of the rep's day (or the configured time after the end). */
  Instant outcomeDue(Booking booking) {
    if (!properties.outcomeDueAfter().isZero()) {
      return booking.end().plus(properties.outcomeDueAfter());
    }
    ZoneId zone = reps.zoneOf(booking.repId());
    LocalDate day = booking.end().atZone(zone).toLocalDate();
    return day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(60);
  }

  void sendInvites(Booking booking, String key) {
    mailer.sendInvites(booking, key + "#seq" + booking.sequence());
  }

  void sendCancellation(Booking booking, String key) {
    mailer.sendCancellation(booking, key + "#seq" + booking.sequence());
  }

  void putInCalendar(Booking booking) {
    reps.find(booking.repId()).filter(rep -> rep.calendarId() != null).ifPresent(rep -> calendar.put(
        new CalendarRef(rep.userId(), rep.calendarId()),
        events.event(booking, properties.staffLanguage(), rep.timeZone())));
  }

  void removeFromCalendar(Booking booking) {
    reps.find(booking.repId()).filter(rep -> rep.calendarId() != null).ifPresent(rep -> calendar.remove(
        new CalendarRef(rep.userId(), rep.calendarId()), events.uid(booking)));
  }

  /**
   * The next reminder still ahead, by the booking's current start; empty when none is left.
   *
   * @param lastSent the reminder sent last for this case ({@link #sentMark}), or null: only shorter ones follow it
   *     for the same start, so a timer fired early (by an operator) never sends one reminder twice
   */
  Optional<ReminderPlan> nextReminder(Booking booking, String lastSent) {
    Instant now = clock.instant();
    if (booking.status() != Status.BOOKED) {
      return Optional.empty();
    }
    Duration after = null;
    if (lastSent != null && lastSent.endsWith("@" + booking.start())) {
      after = Duration.parse(lastSent.substring(0, lastSent.indexOf('@')));
    }
    return EventReminders.next(booking.start(), now, properties.reminders(), after)
        .map(before -> new ReminderPlan(booking.start().minus(before), before, booking.start()));
  }

  /** What {@link #nextReminder} needs to know of a sent reminder: which one, for which start. */
  static String sentMark(Duration before, Instant forStart) {
    return before + "@" + forStart;
  }

  /**
   * Sends the planned reminder, unless the demo moved or was cancelled since it was planned (then the case is about
   * to plan anew: no reminder with an old time).
   *
   * @return false when nothing was sent
   */
  boolean sendReminder(Booking booking, Duration before, Instant plannedForStart, String key) {
    if (booking.status() != Status.BOOKED || !booking.start().equals(plannedForStart)) {
      log.info("Reminder for demo {} not sent: the demo moved or was cancelled since it was planned", booking.key());
      return false;
    }
    String reminderKey = key + "#" + booking.start() + "#" + before;
    mailer.sendReminder(booking, before, reminderKey);
    if (whatsApp.enabled() && booking.phone() != null && phoneConsent(booking.email())) {
      try {
        whatsApp.sendTemplate(new TemplateMessage(reminderKey + "#whatsapp", booking.phone(), whatsAppTemplate,
            booking.language(), List.of(booking.name().split(" ", 2)[0],
                events.when(booking, booking.language(), booking.timeZone()), booking.meetingUrl()),
            booking.email()));
      } catch (WhatsAppRefusedException refused) {
        // the e-mail went out; a number or template WhatsApp refuses must not turn the reminder into an incident
        log.warn("WhatsApp refused the reminder of demo {} ({}); the e-mail reminder was sent", booking.key(),
            refused.getMessage());
      }
    }
    return true;
  }

  /** The deal of the lead ({@code lead:<e-mail>}, the key lead nurturing opens it with) moves with the demo. */
  void moveDeal(Booking booking, String nextStep) {
    String stage = switch (booking.status()) {
      case BOOKED -> "demo-scheduled";
      case ATTENDED -> switch (nextStep == null ? "none" : nextStep) {
        case "proposal" -> "decision";
        case "not-a-fit" -> "lost";
        default -> "presentation";
      };
      case NO_SHOW, CANCELLED -> null;
    };
    if (stage == null) {
      return;
    }
    String dealName = (booking.company() == null ? booking.name() : booking.company()) + " — demo";
    crm.upsertDeal(new DealData("lead:" + booking.email(), booking.email(), dealName, stage, booking.repId(), null));
  }

  void saveOutcome(Booking booking, boolean attended, String nextStep, String notes, String key) {
    bookings.recordOutcome(booking.key(), attended);
    String text = messages.getMessage(attended ? "mail.demos.crm.attended" : "mail.demos.crm.no-show",
        new Object[] {staffTime(booking), nextStepText(nextStep), notes == null ? "" : notes},
        properties.staffLanguage());
    crm.logActivity(booking.email(), key, "note", text);
  }

  Generated<FollowUp> draftFollowUp(Booking booking, String notes, String nextStep, String caseId) {
    Locale language = booking.language();
    String firstName = booking.name().split(" ", 2)[0];
    String repName = reps.displayName(booking.repId());
    FollowUp fallback = new FollowUp(
        messages.getMessage("mail.demos.followUp.fallback.subject", null, language),
        messages.getMessage("mail.demos.followUp.fallback.body", new Object[] {firstName, repName}, language));
    DemoFollowUpTask task = new DemoFollowUpTask(language, firstName, repName, nextStep,
        notes == null ? null : redactor.redact(notes), booking.company(), fallback);
    return languageModel.generate(task, caseId);
  }

  /** Who wrote the draft, in the team's words, for the review form. */
  String draftedBy(String generatedBy) {
    return messages.getMessage("mail.demos.draftedBy." + generatedBy, null, generatedBy, properties.staffLanguage());
  }

  void sendFollowUp(Booking booking, String subject, String body, String key) {
    if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
      throw new io.escala.platform.NonRetryableException("The follow-up of demo " + booking.key()
          + " has no subject or no text: complete the review task again with both");
    }
    mailer.sendFollowUp(booking, subject.replaceAll("[\\r\\n]+", " ").strip(), body.strip(), key);
  }

  /** Tells the lead's nurturing case (by the lead key, else the address) that the demo took place. */
  void announceCompleted(Booking booking, String nextStep) {
    String leadKey = booking.leadKey() != null ? booking.leadKey() : booking.email();
    caseMessages.send(DEMO_COMPLETED, leadKey, Map.of("demoOutcome", "attended",
        "demoNextStep", nextStep == null ? "none" : nextStep));
  }

  /** When the next rebooking e-mail goes out; empty when the sequence is over (rebooked, stopped, unsubscribed). */
  Optional<Instant> nextRebooking(Booking noShow, int alreadySent) {
    if (alreadySent >= properties.rebookAfter().size() || bookings.rebookingOver(noShow)) {
      return Optional.empty();
    }
    Instant at = noShow.end().plus(properties.rebookAfter().get(alreadySent));
    Instant now = clock.instant();
    return Optional.of(at.isBefore(now) ? now : at);
  }

  boolean sendRebooking(Booking noShow, int number, String key) {
    if (bookings.rebookingOver(noShow)) {
      return false;
    }
    mailer.sendRebooking(noShow, number, key + "#" + number);
    return true;
  }

  private boolean phoneConsent(String email) {
    return knownContacts.stream().anyMatch(contacts -> contacts.find(email)
        .map(KnownContacts.KnownContact::phoneConsent).orElse(false));
  }

  private String nextStepText(String nextStep) {
    return messages.getMessage("mail.demos.nextStep." + (nextStep == null ? "none" : nextStep), null,
        nextStep == null ? "none" : nextStep, properties.staffLanguage());
  }

}
