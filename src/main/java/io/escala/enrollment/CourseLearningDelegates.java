package io.escala.enrollment;

import static io.escala.enrollment.EnrollmentDelegates.enrollmentKey;
import static io.escala.enrollment.EnrollmentDelegates.key;

import io.escala.enrollment.SessionReminders.Reminder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of processes/course-enrollment.bpmn that mail the learner, enrol them in the LMS, plan the live session's
 * reminders and issue the certificate. Each reads the rows as they are now; every e-mail carries an idempotency key
 * of its step (and iteration), so a retried job sends nothing twice.
 */
final class CourseLearningDelegates {

  private static final Logger log = LoggerFactory.getLogger(CourseLearningDelegates.class);

  private CourseLearningDelegates() {}

  /** Any {@link CourseMail}, named by the input parameter {@code mail}. */
  @Component("sendCourseMail")
  static class SendMail implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseMailer mailer;

    SendMail(Enrollments enrollments, CourseMailer mailer) {
      this.enrollments = enrollments;
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      CourseMail mail = CourseMail.valueOf((String) execution.getVariable("mail"));
      mailer.send(mail, enrollments.require(enrollmentKey(execution)), key(execution, mail.name()));
    }
  }

  /** "Send milestone e-mail": the {@code milestone} that "Check progress" claimed. */
  @Component("sendCourseMilestone")
  static class SendMilestone implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseMailer mailer;

    SendMilestone(Enrollments enrollments, CourseMailer mailer) {
      this.enrollments = enrollments;
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      int milestone = ((Number) execution.getVariable("milestone")).intValue();
      mailer.sendMilestone(enrollments.require(enrollmentKey(execution)), milestone,
          key(execution, "milestone#" + milestone));
    }
  }

  /**
   * "Nudge the learner": the NUDGE e-mail; {@code nudges} counts those since the last progress, and {@code stalled}
   * says customer success should step in ({@code escala.enrollment.stalled-after-nudges}).
   */
  @Component("sendCourseNudge")
  static class SendNudge implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseLearning learning;
    private final CourseMailer mailer;
    private final EnrollmentProperties properties;

    SendNudge(Enrollments enrollments, CourseLearning learning, CourseMailer mailer, EnrollmentProperties properties) {
      this.enrollments = enrollments;
      this.learning = learning;
      this.mailer = mailer;
      this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String enrollmentKey = enrollmentKey(execution);
      Enrollment enrollment = enrollments.require(enrollmentKey);
      // An external LMS (Moodle) may not call back: its completion is read first, and progress found there wakes the
      // case (CourseProgressRecorded) instead of a nudge.
      int percent = learning.progressFromLms(enrollmentKey);
      if (percent > enrollment.progressPercent() && enrollments.recordProgress(enrollmentKey, percent)) {
        execution.setVariable("stalled", false);
        return;
      }
      int nudges = (execution.getVariable("nudges") instanceof Number n ? n.intValue() : 0) + 1;
      if (enrollment.hasAccess() && enrollment.status() == Enrollment.Status.ENROLLED) {
        // the count restarts after progress: the progress time keeps each stall's nudges apart
        mailer.send(CourseMail.NUDGE, enrollment, key(execution, "nudge#" + enrollment.progressAt() + "#" + nudges));
      }
      execution.setVariable("nudges", nudges);
      execution.setVariable("stalled", nudges >= properties.stalledAfterNudges());
    }
  }

  /** "Send replay to absentees": the REPLAY e-mail unless the learner joined the live session. */
  @Component("sendCourseReplay")
  static class SendReplay implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseMailer mailer;

    SendReplay(Enrollments enrollments, CourseMailer mailer) {
      this.enrollments = enrollments;
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(enrollmentKey(execution));
      if (enrollment.attendedAt() == null && enrollment.hasAccess()) {
        mailer.send(CourseMail.REPLAY, enrollment, key(execution, "replay"));
      }
    }
  }

  /**
   * "Plan next reminder": reminderLeft, and nextReminderAt, reminderBefore and reminderForStart when one is left, or
   * replayAt (the session's end plus {@code escala.enrollment.replay-after}) when none is.
   */
  @Component("planSessionReminder")
  static class PlanReminder implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseCatalog catalog;
    private final SessionReminders reminders;
    private final EnrollmentProperties properties;

    PlanReminder(Enrollments enrollments, CourseCatalog catalog, SessionReminders reminders,
        EnrollmentProperties properties) {
      this.enrollments = enrollments;
      this.catalog = catalog;
      this.reminders = reminders;
      this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(enrollmentKey(execution));
      Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
      Optional<Reminder> next = enrollment.hasAccess()
          ? reminders.nextAfter(cohort, (String) execution.getVariable("lastReminder")) : Optional.empty();
      execution.setVariable("reminderLeft", next.isPresent());
      next.ifPresent(reminder -> {
        execution.setVariable("nextReminderAt", Date.from(reminder.at()));
        execution.setVariable("reminderBefore", reminder.before().toString());
        execution.setVariable("reminderForStart", cohort.startsAt().toString());
      });
      execution.setVariable("replayAt", Date.from(cohort.endsAt().plus(properties.replayAfter())));
    }
  }

  /**
   * "Send session reminder": the planned reminder, unless the session moved or already started (a timer that fired
   * late, after the engine was down, sends nothing).
   */
  @Component("sendSessionReminder")
  static class SendReminder implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseCatalog catalog;
    private final CourseMailer mailer;
    private final Clock clock;

    SendReminder(Enrollments enrollments, CourseCatalog catalog, CourseMailer mailer, Clock clock) {
      this.enrollments = enrollments;
      this.catalog = catalog;
      this.mailer = mailer;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(enrollmentKey(execution));
      Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
      Duration before = Duration.parse((String) execution.getVariable("reminderBefore"));
      Instant plannedFor = Instant.parse((String) execution.getVariable("reminderForStart"));
      if (!cohort.startsAt().equals(plannedFor) || !enrollment.hasAccess()
          || !clock.instant().isBefore(cohort.startsAt())) {
        log.info("Reminder for enrollment {} not sent: the session moved, started or access ended since it was"
            + " planned", enrollment.key());
        return;
      }
      mailer.sendReminder(enrollment, before, key(execution, "reminder#" + plannedFor + "#" + before));
      execution.setVariable("lastReminder", SessionReminders.sentMark(before, plannedFor));
    }
  }

  /** "Tell customer success": the members of group {@code success} hear that access ended. */
  @Component("tellSuccessAccessEnded")
  static class TellSuccess implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseMailer mailer;

    TellSuccess(Enrollments enrollments, CourseMailer mailer) {
      this.enrollments = enrollments;
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      mailer.tellSuccessAccessEnded(enrollments.require(enrollmentKey(execution)), key(execution, "success"));
    }
  }

  /** "Enroll in the LMS": the learner gets the course in the LMS and the enrollment becomes ENROLLED. */
  @Component("enrollInLms")
  static class EnrollInLms implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseLearning learning;

    EnrollInLms(Enrollments enrollments, CourseLearning learning) {
      this.enrollments = enrollments;
      this.learning = learning;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String enrollmentKey = enrollmentKey(execution);
      enrollments.enrolled(enrollmentKey, learning.pushToLms(enrollmentKey));
    }
  }

  /** "Issue certificate": the PDF certificate's code, stored on the enrollment (COMPLETED). */
  @Component("issueCourseCertificate")
  static class IssueCertificate implements JavaDelegate {

    private final CourseLearning learning;

    IssueCertificate(CourseLearning learning) {
      this.learning = learning;
    }

    @Override
    public void execute(DelegateExecution execution) {
      learning.issueCertificate(enrollmentKey(execution));
    }
  }
}
