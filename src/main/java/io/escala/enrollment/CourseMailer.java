package io.escala.enrollment;

import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarEvent.Person;
import io.escala.calendar.CalendarInvites;
import io.escala.mail.CalendarPart;
import io.escala.mail.EmailRequest;
import io.escala.mail.EmailSender;
import io.escala.mail.MailProperties;
import io.escala.mail.Recipient;
import io.escala.platform.LocaleConfiguration;
import io.escala.platform.PublicUrl;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The e-mails of course enrollment ({@link CourseMail}), in the learner's language and zone. Names, times, amounts and
 * links come from the enrollment, cohort and course rows when the mail is rendered (links are signed then, never
 * kept in the case); the caller passes the idempotency key of its step, so a retried job sends nothing twice.
 */
@Service
public class CourseMailer {

  /** The staff group told when access ends after a refund or chargeback. */
  static final String SUCCESS_GROUP = "success";

  private static final Logger log = LoggerFactory.getLogger(CourseMailer.class);

  private final EmailSender mail;
  private final CalendarInvites invites;
  private final EnrollmentLinks links;
  private final CourseCatalog catalog;
  private final Enrollments enrollments;
  private final StalledLearners stalled;
  private final IdentityService identity;
  private final MessageSource messages;
  private final PublicUrl publicUrl;
  private final MailProperties mailProperties;
  private final CourseLearningProperties properties;
  private final CourseTeam team;

  CourseMailer(EmailSender mail, CalendarInvites invites, EnrollmentLinks links, CourseCatalog catalog,
      Enrollments enrollments, StalledLearners stalled, IdentityService identity, MessageSource messages,
      PublicUrl publicUrl, MailProperties mailProperties, CourseLearningProperties properties, CourseTeam team) {
    this.mail = mail;
    this.invites = invites;
    this.links = links;
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.stalled = stalled;
    this.identity = identity;
    this.messages = messages;
    this.publicUrl = publicUrl;
    this.mailProperties = mailProperties;
    this.properties = properties;
    this.team = team;
  }

  /** One of the learner's e-mails; {@link CourseMail#MILESTONE} goes out with the progress the row has now. */
  public void send(CourseMail kind, Enrollment enrollment, String idempotencyKey) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    if (kind == CourseMail.CERTIFICATE && enrollment.certificateCode() == null) {
      throw new IllegalStateException("Enrollment " + enrollment.key() + " has no certificate to send yet");
    }
    if (kind == CourseMail.REPLAY && cohort.replayUrl() == null) {
      log.info("Cohort {} has no replay link: no replay e-mail to enrollment {}", cohort.code(), enrollment.key());
      return;
    }
    Map<String, Object> model = model(enrollment, cohort, course);
    CalendarPart calendar = null;
    switch (kind) {
      case WAITLISTED -> model.put("position", enrollments.waitlistPosition(enrollment));
      case SEAT_OFFERED -> {
        model.put("offerUrl", links.offer(enrollment));
        model.put("offerUntil", when(enrollment, enrollment.offerExpiresAt()));
      }
      case WAITLIST_CLOSED, SEAT_RELEASED -> model.put("catalogUrl", publicUrl.to("/courses"));
      case PAYMENT_REQUESTED -> {
        model.put("payUrl", links.pay(enrollment));
        model.put("dueWhen", when(enrollment, enrollment.paymentDueAt()));
      }
      case TRANSFER_INSTRUCTIONS -> {
        model.put("currency", cohort.isFree() ? "" : cohort.price().currencyCode());
        model.put("bankDetails", properties.bankDetails());
        model.put("reference", CoursePayments.transferReference(enrollment));
        model.put("dueWhen", when(enrollment, enrollment.paymentDueAt()));
      }
      case WELCOME -> {
        model.put("learnUrl", links.learn(enrollment));
        if (cohort.isLive()) {
          String join = links.join(enrollment);
          model.put("joinUrl", join);
          calendar = new CalendarPart("REQUEST", invites.request(event(enrollment, cohort, course, join)));
        }
      }
      case REPLAY -> {
        model.put("replayUrl", cohort.replayUrl());
        model.put("learnUrl", links.learn(enrollment));
      }
      case MILESTONE -> {
        model.put("percent", enrollment.milestoneSent());
        model.put("learnUrl", links.learn(enrollment));
      }
      case NUDGE -> model.put("learnUrl", links.learn(enrollment));
      case CERTIFICATE -> {
        model.put("certificateUrl", publicUrl.to("/certificates/" + enrollment.certificateCode()));
        model.put("certificatePdfUrl", publicUrl.to("/certificates/" + enrollment.certificateCode() + ".pdf"));
        model.put("learnUrl", links.learn(enrollment));
      }
      case ACCESS_ENDED -> model.put("statusUrl", links.status(enrollment));
      default -> throw new IllegalArgumentException("No e-mail for " + kind);
    }
    send(idempotencyKey, template(kind), enrollment, model, calendar);
    if (kind == CourseMail.NUDGE) {
      stalled.nudged(enrollment.key());
    }
  }

  /** The milestone e-mail for {@code percent} (25, 50 or 75), as {@link Enrollments#claimMilestone} returned it. */
  public void sendMilestone(Enrollment enrollment, int percent, String idempotencyKey) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Map<String, Object> model = model(enrollment, cohort, course);
    model.put("percent", percent);
    model.put("learnUrl", links.learn(enrollment));
    send(idempotencyKey, "enrollment/milestone", enrollment, model, null);
  }

  /** The reminder {@code before} the live session (7 days, 1 day, 1 hour...), with the join link. */
  public void sendReminder(Enrollment enrollment, Duration before, String idempotencyKey) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Map<String, Object> model = model(enrollment, cohort, course);
    model.put("joinUrl", cohort.isLive() ? links.join(enrollment) : null);
    model.put("learnUrl", links.learn(enrollment));
    long days = before.toDays();
    long hours = before.toHours();
    if (days >= 1 && before.equals(Duration.ofDays(days))) {
      model.put("inWords", message("mail.enrollment.reminder.days", language(enrollment), days));
    } else if (hours >= 1 && before.equals(Duration.ofHours(hours))) {
      model.put("inWords", message("mail.enrollment.reminder.hours", language(enrollment), hours));
    } else {
      model.put("inWords", message("mail.enrollment.reminder.minutes", language(enrollment), before.toMinutes()));
    }
    send(idempotencyKey, "enrollment/reminder", enrollment, model, null);
  }

  /** Tells every member of customer success (with an address in Camunda Admin) that a learner's access ended. */
  public void tellSuccessAccessEnded(Enrollment enrollment, String idempotencyKey) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Locale staffLanguage = team.language();
    List<User> members = identity.createUserQuery().memberOfGroup(SUCCESS_GROUP).list();
    int sent = 0;
    for (User member : members) {
      if (member.getEmail() == null || member.getEmail().isBlank()) {
        continue;
      }
      String memberName = ((member.getFirstName() == null ? "" : member.getFirstName()) + " "
          + (member.getLastName() == null ? "" : member.getLastName())).strip();
      Map<String, Object> model = new HashMap<>();
      model.put("firstName", memberName.isEmpty() ? member.getId() : memberName.split(" ", 2)[0]);
      model.put("learnerName", enrollment.name());
      model.put("learnerEmail", enrollment.email());
      model.put("courseTitle", course.title());
      model.put("cohortCode", cohort.code());
      model.put("reason", enrollment.endedReason() == null ? "" : enrollment.endedReason());
      model.put("paid", cohort.isFree() ? "" : cohort.price().format(staffLanguage));
      model.put("tasklistUrl", publicUrl.to("/camunda/app/tasklist/"));
      Recipient to = new Recipient(member.getEmail(), memberName.isEmpty() ? member.getId() : memberName);
      mail.send(new EmailRequest(idempotencyKey + "#" + member.getId(), "enrollment/success-access-ended", to,
          staffLanguage, model, new Object[] {enrollment.name(), course.title()}));
      sent++;
    }
    if (sent == 0) {
      log.warn("No member of group '{}' has an e-mail address in Camunda Admin: nobody was told that access to"
          + " cohort {} ended for enrollment {}", SUCCESS_GROUP, cohort.code(), enrollment.key());
    }
  }

  static String template(CourseMail kind) {
    return "enrollment/" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void send(String key, String template, Enrollment enrollment, Map<String, Object> model,
      CalendarPart calendar) {
    Recipient to = new Recipient(enrollment.email(), enrollment.name());
    EmailRequest request = new EmailRequest(key, template, to, language(enrollment), model,
        new Object[] {model.get("courseTitle")});
    mail.send(calendar == null ? request : request.withCalendar(calendar));
  }

  private Map<String, Object> model(Enrollment enrollment, Cohort cohort, Course course) {
    Locale language = language(enrollment);
    Map<String, Object> model = new HashMap<>();
    model.put("name", enrollment.name());
    model.put("firstName", enrollment.name().split(" ", 2)[0]);
    model.put("courseTitle", course.title());
    model.put("webinar", !course.isCourse());
    model.put("cohortCode", cohort.code());
    model.put("startsWhen", when(enrollment, cohort.startsAt()));
    model.put("live", cohort.isLive());
    model.put("progress", enrollment.progressPercent());
    model.put("amount", cohort.isFree() ? null
        : cohort.price().format(CourseTimes.moneyLocale(language, enrollment.country())));
    model.put("statusUrl", links.status(enrollment));
    return model;
  }

  private CalendarEvent event(Enrollment enrollment, Cohort cohort, Course course, String joinUrl) {
    Locale language = language(enrollment);
    String domain = uidDomain();
    String description = message("mail.enrollment.event.description", language, course.title(),
        when(enrollment, cohort.startsAt()), joinUrl);
    Person organizer = new Person(mailProperties.from(), mailProperties.fromName());
    return new CalendarEvent("course-" + cohort.code() + "-" + enrollment.key() + "@" + domain, 0,
        cohort.startsAt(), cohort.endsAt(), course.title(), description, joinUrl, organizer,
        List.of(new Person(enrollment.email(), enrollment.name())));
  }

  private String uidDomain() {
    try {
      String host = URI.create(publicUrl.base()).getHost();
      return host == null || host.isBlank() ? "escala.local" : host;
    } catch (IllegalArgumentException unusual) {
      return "escala.local";
    }
  }

  private String when(Enrollment enrollment, java.time.Instant at) {
    return CourseTimes.dateTime(at, enrollment.timeZone(), language(enrollment));
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }

  static Locale language(Enrollment enrollment) {
    return LocaleConfiguration.supported(enrollment.language());
  }
}
