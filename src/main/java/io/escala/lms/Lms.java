package io.escala.lms;

/**
 * A learning-management system that holds a course's lessons and each learner's progress: Escala's own lesson list
 * ({@link BuiltInLms}, the default) or Moodle ({@link MoodleLms}), chosen by {@code escala.lms.provider}.
 */
public interface Lms {

  /** {@code built-in} or {@code moodle}. */
  String provider();

  /**
   * Gives the learner access to the course, creating the learner's account first when the LMS has none for the
   * e-mail. Idempotent: a learner already enrolled keeps the enrolment as it is and gets the same ids back, so a
   * retried step never creates a second account.
   *
   * @throws LmsUnavailableException the LMS did not answer or failed: retry
   * @throws LmsConfigurationException the LMS refused Escala's credentials or permissions: no retry helps
   * @throws LmsRefusedException the LMS refused the request (unknown course, invalid data): no retry helps
   */
  LmsEnrollment enroll(LmsLearner learner, String courseId);

  /**
   * The learner's progress as the LMS records it now.
   *
   * @param lmsUserId an {@link LmsEnrollment#lmsUserId()}
   * @throws LmsUnavailableException the LMS did not answer or failed: retry
   * @throws LmsConfigurationException the LMS refused Escala's credentials or permissions
   * @throws LmsRefusedException the LMS refused the request, e.g. the learner is not enrolled
   */
  LmsProgress progress(String lmsUserId, String courseId);
}
