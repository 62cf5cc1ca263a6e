package io.escala.enrollment;

import io.escala.enrollment.Enrollment.Status;
import io.escala.platform.CaseMessages;
import io.escala.platform.IdempotencyKeys;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The steps of processes/course-enrollment.bpmn that read and change the enrollment row. Each reads the row as it is
 * now ({@code enrollmentKey} is the only identity the case holds) and calls {@link Enrollments}.
 */
final class EnrollmentDelegates {

  /** Lead nurturing's message when one of its leads enrolled: the nurture sequence stops. */
  static final String COURSE_ENROLLED = "CourseEnrolled";

  private EnrollmentDelegates() {}

  static String enrollmentKey(DelegateExecution execution) {
    return (String) execution.getVariable("enrollmentKey");
  }

  static String key(DelegateExecution execution, String target) {
    return IdempotencyKeys.perIteration(execution, target);
  }

  /**
   * "Read seat and payment" (also "Read the offer", "Read the reservation"): seat, method, live, course, the timer
   * dates waitlistEndsAt, offerExpiresAt and paymentDueAt, and nudgeAfter.
   */
  @Component("readEnrollment")
  static class ReadEnrollment implements JavaDelegate {

    private final Enrollments enrollments;
    private final CourseCatalog catalog;
    private final EnrollmentProperties properties;

    ReadEnrollment(Enrollments enrollments, CourseCatalog catalog, EnrollmentProperties properties) {
      this.enrollments = enrollments;
      this.catalog = catalog;
      this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(enrollmentKey(execution));
      Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
      Course course = catalog.course(cohort.courseId()).orElseThrow();
      execution.setVariable("seat", enrollment.status() == Status.RESERVED || enrollment.status() == Status.OFFERED);
      execution.setVariable("method", enrollment.paymentMethod() == null ? "NONE" : enrollment.paymentMethod().name());
      execution.setVariable("live", cohort.isLive());
      execution.setVariable("course", course.isCourse());
      execution.setVariable("waitlistEndsAt", Date.from(cohort.startsAt()));
      if (enrollment.offerExpiresAt() != null) {
        execution.setVariable("offerExpiresAt", Date.from(enrollment.offerExpiresAt()));
      }
      if (enrollment.paymentDueAt() != null) {
        execution.setVariable("paymentDueAt", Date.from(enrollment.paymentDueAt()));
      }
      execution.setVariable("nudgeAfter", properties.nudgeAfter().toString());
    }
  }

  /** "Release the seat": reason (input) → released, false when a payment or an acceptance came first. */
  @Component("releaseCourseSeat")
  static class ReleaseSeat implements JavaDelegate {

    private final Enrollments enrollments;

    ReleaseSeat(Enrollments enrollments) {
      this.enrollments = enrollments;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String reason = (String) execution.getVariable("reason");
      execution.setVariable("released", enrollments.release(enrollmentKey(execution), reason));
    }
  }

  /** "Check progress": completed, milestone (the one to announce, or 0); progress resets the nudge count. */
  @Component("checkCourseProgress")
  static class CheckProgress implements JavaDelegate {

    private final Enrollments enrollments;

    CheckProgress(Enrollments enrollments) {
      this.enrollments = enrollments;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String key = enrollmentKey(execution);
      Enrollment enrollment = enrollments.require(key);
      execution.setVariable("completed", enrollment.progressPercent() >= 100);
      execution.setVariable("milestone", enrollments.claimMilestone(key).orElse(0));
      execution.setVariable("nudges", 0);
    }
  }

  /** "Tell lead nurturing": a lead who enrolled stops getting the nurture sequence. */
  @Component("announceCourseEnrollment")
  static class AnnounceEnrollment implements JavaDelegate {

    private final Enrollments enrollments;
    private final CaseMessages caseMessages;

    AnnounceEnrollment(Enrollments enrollments, CaseMessages caseMessages) {
      this.enrollments = enrollments;
      this.caseMessages = caseMessages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Enrollment enrollment = enrollments.require(enrollmentKey(execution));
      // lead nurturing's business key is the normalized address
      caseMessages.send(COURSE_ENROLLED, enrollment.email(), Map.of("enrolledCohort", execution.getProcessBusinessKey()
          .substring(0, execution.getProcessBusinessKey().indexOf(':'))));
    }
  }
}
