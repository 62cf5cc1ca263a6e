package io.escala.lms;

/**
 * Where a learner is enrolled, in the LMS's own ids.
 *
 * @param provider the {@link Lms#provider()} that holds the enrolment
 * @param lmsUserId the learner's id in that LMS, for {@link Lms#progress}
 * @param courseId the course's id in that LMS
 */
public record LmsEnrollment(String provider, String lmsUserId, String courseId) {}
