package io.escala.demos;

import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarInvites;
import io.escala.mail.CalendarPart;
import io.escala.mail.EmailRequest;
import io.escala.mail.EmailSender;
import io.escala.mail.Recipient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The e-mails of a demo. Contact data, times and links come from the booking row when the mail is rendered; the
 * caller passes the idempotency key of the step (with the booking's SEQUENCE in it, so every change sends once).
 *
 * <p>The lead reads in their language and zone, the rep in the team's language and the rep's zone. Invites carry an
 * iCalendar part ({@code METHOD:REQUEST}, then {@code METHOD:CANCEL}) with one UID for the life of the booking.
 */
@Component
class DemoMailer {

  private static final Logger log = LoggerFactory.getLogger(DemoMailer.class);

  private final EmailSender mail;
  private final CalendarInvites invites;
  private final DemoCalendarEvents events;
  private final DemoReps reps;
  private final DemoLinks links;
  private final DemoProperties properties;

  DemoMailer(EmailSender mail, CalendarInvites invites, DemoCalendarEvents events, DemoReps reps, DemoLinks links,
      DemoProperties properties) {
    this.mail = mail;
    this.invites = invites;
    this.events = events;
    this.reps = reps;
    this.links = links;
    this.properties = properties;
  }

  /** The invite (first or updated) to the lead and to the rep. */
  void sendInvites(Booking booking, String key) {
    boolean update = booking.sequence() > 0;
    Map<String, Object> lead = leadModel(booking);
    lead.put("manageUrl", links.manage(booking));
    send(key + "#lead", update ? "demos/updated" : "demos/confirmation", leadRecipient(booking),
        booking.language(), lead, invite(booking, booking.language(), booking.timeZone(), false));
    ZoneId repZone = reps.zoneOf(booking.repId());
    repRecipient(booking).ifPresent(rep -> send(key + "#rep", update ? "demos/rep-updated" : "demos/rep-booked", rep,
        properties.staffLanguage(), repModel(booking, repZone),
        invite(booking, properties.staffLanguage(), repZone, false)));
  }

  void sendCancellation(Booking booking, String key) {
    send(key + "#lead", "demos/cancelled", leadRecipient(booking), booking.language(), leadModel(booking),
        invite(booking, booking.language(), booking.timeZone(), true));
    ZoneId repZone = reps.zoneOf(booking.repId());
    repRecipient(booking).ifPresent(rep -> send(key + "#rep", "demos/rep-cancelled", rep, properties.staffLanguage(),
        repModel(booking, repZone), invite(booking, properties.staffLanguage(), repZone, true)));
  }

  /** A reminder before the demo, with the time the booking has now. */
  void sendReminder(Booking booking, Duration before, String key) {
    Map<String, Object> model = leadModel(booking);
    model.put("manageUrl", links.manage(booking));
    model.put("hoursBefore", before.toHours());
    model.put("minutesBefore", before.toMinutes());
    send(key, "demos/reminder", leadRecipient(booking), booking.language(), model, null);
  }

  void sendRebooking(Booking noShow, int number, String key) {
    Map<String, Object> model = leadModel(noShow);
    model.put("rebookUrl", links.rebook(noShow));
    model.put("stopUrl", links.stopRebooking(noShow));
    model.put("number", number);
    send(key, "demos/rebook", leadRecipient(noShow), noShow.language(), model, null);
  }

  /** The follow-up the rep reviewed, as they left it. */
  void sendFollowUp(Booking booking, String subject, String body, String key) {
    Map<String, Object> model = leadModel(booking);
    model.put("followUpSubject", subject);
    model.put("followUpBody", body);
    mail.send(new EmailRequest(key, "demos/follow-up", leadRecipient(booking), booking.language(), model,
        new Object[] {subject}));
  }

  private void send(String key, String template, Recipient to, Locale locale, Map<String, Object> model,
      CalendarPart calendar) {
    EmailRequest request = new EmailRequest(key, template, to, locale, model, new Object[] {to.displayName()});
    mail.send(calendar == null ? request : request.withCalendar(calendar));
  }

  private CalendarPart invite(Booking booking, Locale reader, ZoneId zone, boolean cancel) {
    CalendarEvent event = events.event(booking, reader, zone);
    return cancel ? new CalendarPart("CANCEL", invites.cancel(event))
        : new CalendarPart("REQUEST", invites.request(event));
  }

  private Map<String, Object> leadModel(Booking booking) {
    Map<String, Object> model = new HashMap<>();
    model.put("name", booking.name());
    model.put("firstName", booking.name().split(" ", 2)[0]);
    model.put("repName", reps.displayName(booking.repId()));
    model.put("when", events.when(booking, booking.language(), booking.timeZone()));
    model.put("meetingUrl", booking.meetingUrl());
    model.put("minutes", Duration.between(booking.start(), booking.end()).toMinutes());
    return model;
  }

  private Map<String, Object> repModel(Booking booking, ZoneId repZone) {
    Map<String, Object> model = new HashMap<>();
    model.put("repName", reps.displayName(booking.repId()));
    model.put("firstName", reps.displayName(booking.repId()).split(" ", 2)[0]);
    model.put("leadName", booking.name());
    model.put("company", booking.company());
    model.put("leadEmail", booking.email());
    model.put("when", events.when(booking, properties.staffLanguage(), repZone));
    model.put("leadWhen", events.when(booking, properties.staffLanguage(), booking.timeZone()));
    model.put("meetingUrl", booking.meetingUrl());
    model.put("minutes", Duration.between(booking.start(), booking.end()).toMinutes());
    return model;
  }


  private static Recipient leadRecipient(Booking booking) {
    return new Recipient(booking.email(), booking.name());
  }

  /** Empty (and a warning) when the rep has no address in Camunda Admin: the demo is in their page and feed. */
  private Optional<Recipient> repRecipient(Booking booking) {
    Optional<String> email = reps.email(booking.repId());
    if (email.isEmpty()) {
      log.warn("Rep {} has no e-mail address in Camunda Admin: no invite sent to them for demo {}", booking.repId(),
          booking.key());
    }
    return email.map(address -> new Recipient(address, reps.displayName(booking.repId())));
  }
}
