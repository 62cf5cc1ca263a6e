package io.escala.enrollment;

import io.escala.platform.NonRetryableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The customer-success task for a learner who stalled ({@code forms/course-stalled-learner-*.form}): what it shows,
 * and what it records. The case holds the display values only: no e-mail address and no link token.
 */
final class StalledLearnerDelegates {

  /** Customer success has this long to reach a stalled learner. */
  static final Duration TASK_TIME = Duration.ofDays(2);

  private StalledLearnerDelegates() {}

  /**
   * "Show the learner to customer success": learnerName, courseTitle, progressPercent, daysWithoutProgress and
   * lastNudge for the form, learnerLabel for the task's name and stallTaskDue.
   */
  @Component("prepareStalledLearnerTask")
  static class PrepareTask implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseCatalog catalog;
    private final StalledLearners stalled;
    private final CourseTeam team;
    private final MessageSource messages;
    private final Clock clock;

    PrepareTask(Enrollments enrollments, CourseCatalog catalog, StalledLearners stalled, CourseTeam team,
        MessageSource messages, Clock clock) {
      this.enrollments = enrollments;
      this.catalog = catalog;
      this.stalled = stalled;
      this.team = team;
      this.messages = messages;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(EnrollmentDelegates.enrollmentKey(execution));
      Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
      Course course = catalog.course(cohort.courseId()).orElseThrow();
      Instant now = clock.instant();
      Instant since = enrollment.progressAt() != null ? enrollment.progressAt()
          : enrollment.enrolledAt() != null ? enrollment.enrolledAt() : enrollment.createdAt();
      execution.setVariable("learnerName", enrollment.name());
      execution.setVariable("courseTitle", course.title() + " (" + cohort.code() + ")");
      execution.setVariable("learnerLabel", enrollment.name() + " · " + course.title());
      execution.setVariable("progressPercent", (long) enrollment.progressPercent());
      execution.setVariable("daysWithoutProgress", Math.max(0, Duration.between(since, now).toDays()));
      execution.setVariable("lastNudge", stalled.lastNudge(enrollment.key())
          .map(at -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(team.language())
              .format(at.atZone(enrollment.timeZone())))
          .orElseGet(() -> messages.getMessage("enrollment.stall.noNudge", null, team.language())));
      execution.setVariable("stallTaskDue", Date.from(now.plus(TASK_TIME)));
    }
  }

  /**
   * "Save the outcome": records the form's stallOutcome (reached / noAnswer / droppedOut) and stallNote on the
   * enrollment; droppedOut for the gateway; the nudges start again from none.
   */
  @Component("saveStallOutcome")
  static class SaveOutcome implements JavaDelegate {

    private final StalledLearners stalled;

    SaveOutcome(StalledLearners stalled) {
      this.stalled = stalled;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String value = (String) execution.getVariable("stallOutcome");
      StalledLearners.Outcome outcome = StalledLearners.Outcome.ofFormValue(value).orElseThrow(
          () -> new NonRetryableException("stallOutcome must be reached, noAnswer or droppedOut, got " + value));
      stalled.recordOutcome(EnrollmentDelegates.enrollmentKey(execution), outcome,
          (String) execution.getVariable("stallNote"));
      execution.setVariable("droppedOut", outcome == StalledLearners.Outcome.DROPPED_OUT);
      execution.setVariable("nudges", 0);
    }
  }
}
