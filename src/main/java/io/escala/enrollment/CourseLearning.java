package io.escala.enrollment;

import io.escala.certificates.Certificate;
import io.escala.certificates.Certificates;
import io.escala.certificates.IssueRequest;
import io.escala.lms.BuiltInLms;
import io.escala.lms.BuiltInLms.Lesson;
import io.escala.lms.Lms;
import io.escala.lms.LmsEnrollment;
import io.escala.lms.LmsLearner;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The learner's course in the LMS ({@link Lms}: Escala's built-in lessons or Moodle), their progress and their
 * certificate. The built-in LMS knows a course by its slug; Moodle by {@link Course#lmsCourseId()}.
 */
@Service
public class CourseLearning {

  private static final Logger log = LoggerFactory.getLogger(CourseLearning.class);

  private final Lms lms;
  private final Enrollments enrollments;
  private final CourseCatalog catalog;
  private final Certificates certificates;
  private final MessageSource messages;
  private final Clock clock;

  CourseLearning(Lms lms, Enrollments enrollments, CourseCatalog catalog, Certificates certificates,
      MessageSource messages, Clock clock) {
    this.lms = lms;
    this.enrollments = enrollments;
    this.catalog = catalog;
    this.certificates = certificates;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * Enrols the learner in the course's LMS (idempotent: a retry finds the same account).
   *
   * @return the learner's id in the LMS; null for a webinar, which has no lessons to enrol in
   */
  public String pushToLms(String enrollmentKey) {
    Enrollment enrollment = enrollments.require(enrollmentKey);
    Course course = courseOf(enrollment);
    if (!course.isCourse()) {
      return null;
    }
    String courseId = lmsCourseId(course);
    defineLessons(course);
    LmsEnrollment enrolled = lms.enroll(learner(enrollment), courseId);
    log.info("Enrollment {} is in course {} of the {} LMS", enrollmentKey, courseId, lms.provider());
    return enrolled.lmsUserId();
  }

  /** The learner's progress in per cent as the LMS has it now (Moodle's completion, or the built-in lessons). */
  public int progressFromLms(String enrollmentKey) {
    Enrollment enrollment = enrollments.require(enrollmentKey);
    if (enrollment.lmsUserId() == null) {
      return enrollment.progressPercent();
    }
    return lms.progress(enrollment.lmsUserId(), lmsCourseId(courseOf(enrollment))).percent();
  }

  /**
   * Issues the certificate (once per cohort and learner, in the learner's language) and records its code.
   *
   * @return the verification code
   */
  public String issueCertificate(String enrollmentKey) {
    Enrollment enrollment = enrollments.require(enrollmentKey);
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    Course course = catalog.course(cohort.courseId()).orElseThrow();
    Instant completedAt = enrollment.completedAt() == null ? clock.instant() : enrollment.completedAt();
    LocalDate completedOn = completedAt.atZone(enrollment.timeZone()).toLocalDate();
    Certificate certificate = certificates.issue(new IssueRequest(cohort.code(), enrollment.name(),
        enrollment.email(), course.title(), completedOn, enrollment.language()));
    enrollments.completed(enrollmentKey, certificate.code());
    return certificate.code();
  }

  /** The built-in lessons of the learner's course; empty with another LMS or for a webinar. */
  public List<Lesson> builtInLessons(Course course) {
    if (!(lms instanceof BuiltInLms builtIn) || !course.isCourse()) {
      return List.of();
    }
    defineLessons(course);
    return builtIn.lessons(course.slug());
  }

  /** The ids of the lessons the learner completed in the built-in LMS. */
  public List<String> completedLessons(Enrollment enrollment) {
    if (!(lms instanceof BuiltInLms builtIn) || enrollment.lmsUserId() == null) {
      return List.of();
    }
    return builtIn.completedLessons(enrollment.lmsUserId(), courseOf(enrollment).slug());
  }

  /**
   * The learner marked a built-in lesson as done: the LMS records it and the enrollment's progress follows.
   *
   * @return the progress now, in per cent; empty when the learner has no access or the lesson is unknown
   */
  public Optional<Integer> completeLesson(String enrollmentKey, String lessonId) {
    Enrollment enrollment = enrollments.require(enrollmentKey);
    if (!(lms instanceof BuiltInLms builtIn) || !enrollment.hasAccess() || enrollment.lmsUserId() == null) {
      return Optional.empty();
    }
    Course course = courseOf(enrollment);
    if (builtIn.lessons(course.slug()).stream().noneMatch(lesson -> lesson.lessonId().equals(lessonId))) {
      return Optional.empty();
    }
    builtIn.completeLesson(enrollment.lmsUserId(), course.slug(), lessonId);
    int percent = builtIn.progress(enrollment.lmsUserId(), course.slug()).percent();
    enrollments.recordProgress(enrollmentKey, percent);
    return Optional.of(percent);
  }

  /** Whether the lessons are Escala's own (the learner marks them done on the learner page). */
  public boolean builtIn() {
    return lms instanceof BuiltInLms;
  }

  Course courseOf(Enrollment enrollment) {
    Cohort cohort = catalog.cohort(enrollment.cohortId()).orElseThrow();
    return catalog.course(cohort.courseId()).orElseThrow();
  }

  private String lmsCourseId(Course course) {
    if (lms instanceof BuiltInLms) {
      return course.slug();
    }
    if (course.lmsCourseId() == null || course.lmsCourseId().isBlank()) {
      throw new IllegalStateException("Course " + course.slug() + " has no LMS course id: set it on the staff page"
          + " (the " + lms.provider() + " LMS knows courses by their own id)");
    }
    return course.lmsCourseId();
  }

  /**
   * The built-in LMS lists lessons it was told of: a course's first learner defines "Lesson 1" to "Lesson n" (in the
   * course's language) for the {@link Course#lessons()} the catalog gives it; lessons already defined stay as staff
   * named them.
   */
  private void defineLessons(Course course) {
    if (!(lms instanceof BuiltInLms builtIn) || course.lessons() == 0) {
      return;
    }
    int defined = builtIn.lessons(course.slug()).size();
    for (int position = defined + 1; position <= course.lessons(); position++) {
      String title = messages.getMessage("enrollment.learn.lesson.title", new Object[] {position},
          "Lesson " + position, course.language());
      builtIn.defineLesson(course.slug(), new Lesson("lesson-" + position, position, title));
    }
  }

  /** Moodle needs a first and a last name; a one-word name is both. */
  static LmsLearner learner(Enrollment enrollment) {
    String[] parts = enrollment.name().strip().split("\\s+", 2);
    String last = parts.length > 1 ? parts[1] : parts[0];
    return new LmsLearner(enrollment.email().toLowerCase(Locale.ROOT), parts[0], last);
  }
}
