package io.escala.lms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Escala's own LMS: a course is its ordered lessons in {@code lms_course_lesson}; a learner (key: the normalised
 * e-mail) completes lessons one by one, and the course is completed when every lesson is.
 */
public class BuiltInLms implements Lms {

  public static final String PROVIDER = "built-in";

  /** One lesson of a course, in the order learners take them. */
  public record Lesson(String lessonId, int position, String title) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public BuiltInLms(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  /** Adds the lesson to the course, or updates its position and title. */
  public void defineLesson(String courseId, Lesson lesson) {
    int updated = jdbc.sql("UPDATE lms_course_lesson SET position = :position, title = :title"
            + " WHERE course_id = :course AND lesson_id = :lesson")
        .param("position", lesson.position()).param("title", lesson.title())
        .param("course", courseId).param("lesson", lesson.lessonId())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO lms_course_lesson (course_id, lesson_id, position, title)"
              + " VALUES (:course, :lesson, :position, :title)")
          .param("course", courseId).param("lesson", lesson.lessonId())
          .param("position", lesson.position()).param("title", lesson.title())
          .update();
    }
  }

  public List<Lesson> lessons(String courseId) {
    return jdbc.sql("SELECT lesson_id, position, title FROM lms_course_lesson WHERE course_id = :course"
            + " ORDER BY position, lesson_id")
        .param("course", courseId)
        .query((row, n) -> new Lesson(row.getString("lesson_id"), row.getInt("position"), row.getString("title")))
        .list();
  }

  /** @throws LmsRefusedException the course has no lessons (an unknown course id) */
  @Override
  public LmsEnrollment enroll(LmsLearner learner, String courseId) {
    if (lessons(courseId).isEmpty()) {
      throw new LmsRefusedException("unknowncourse", "Course " + courseId + " has no lessons in Escala's LMS");
    }
    insertOnce("INSERT INTO lms_enrollment (learner_key, course_id, first_name, last_name, enrolled_at)"
            + " SELECT :learner, :course, :firstName, :lastName, :now FROM (VALUES (1)) one"
            + " WHERE NOT EXISTS (SELECT 1 FROM lms_enrollment WHERE learner_key = :learner AND course_id = :course)",
        Map.of("learner", learner.email(), "course", courseId, "firstName", learner.firstName(),
            "lastName", learner.lastName()));
    return new LmsEnrollment(PROVIDER, learner.email(), courseId);
  }

  /**
   * Records that the learner completed the lesson; completing it again keeps the first time.
   *
   * @return {@code true} when this call recorded it, {@code false} when it was already completed
   * @throws LmsRefusedException the learner is not enrolled in the course, or the course has no such lesson
   */
  public boolean completeLesson(String lmsUserId, String courseId, String lessonId) {
    requireEnrolled(lmsUserId, courseId);
    boolean known = jdbc.sql("SELECT COUNT(*) FROM lms_course_lesson WHERE course_id = :course AND lesson_id = :lesson")
        .param("course", courseId).param("lesson", lessonId).query(Long.class).single() > 0;
    if (!known) {
      throw new LmsRefusedException("unknownlesson", "Course " + courseId + " has no lesson " + lessonId);
    }
    return insertOnce("INSERT INTO lms_lesson_completion (learner_key, course_id, lesson_id, completed_at)"
            + " SELECT :learner, :course, :lesson, :now FROM (VALUES (1)) one WHERE NOT EXISTS (SELECT 1 FROM"
            + " lms_lesson_completion WHERE learner_key = :learner AND course_id = :course AND lesson_id = :lesson)",
        Map.of("learner", lmsUserId, "course", courseId, "lesson", lessonId));
  }

  /** The ids of the lessons the learner completed (none when not enrolled), in the course's order. */
  public List<String> completedLessons(String lmsUserId, String courseId) {
    return jdbc.sql("SELECT c.lesson_id FROM lms_lesson_completion c JOIN lms_course_lesson l"
            + " ON l.course_id = c.course_id AND l.lesson_id = c.lesson_id"
            + " WHERE c.learner_key = :learner AND c.course_id = :course ORDER BY l.position, l.lesson_id")
        .param("learner", lmsUserId).param("course", courseId).query(String.class).list();
  }

  /** @throws LmsRefusedException the learner is not enrolled in the course */
  @Override
  public LmsProgress progress(String lmsUserId, String courseId) {
    requireEnrolled(lmsUserId, courseId);
    int total = jdbc.sql("SELECT COUNT(*) FROM lms_course_lesson WHERE course_id = :course")
        .param("course", courseId).query(Integer.class).single();
    int completed = jdbc.sql("SELECT COUNT(*) FROM lms_lesson_completion"
            + " WHERE learner_key = :learner AND course_id = :course")
        .param("learner", lmsUserId).param("course", courseId).query(Integer.class).single();
    return new LmsProgress(completed, total, total > 0 && completed == total);
  }

  private void requireEnrolled(String lmsUserId, String courseId) {
    boolean enrolled = jdbc.sql("SELECT COUNT(*) FROM lms_enrollment WHERE learner_key = :learner AND course_id = :course")
        .param("learner", lmsUserId).param("course", courseId).query(Long.class).single() > 0;
    if (!enrolled) {
      throw new LmsRefusedException("notenrolled", "The learner is not enrolled in course " + courseId);
    }
  }

  /**
   * Inserts the row unless it exists. Two concurrent first calls can both pass NOT EXISTS; the primary key keeps one
   * row and the loser sees a duplicate key, which means the same as "already there".
   */
  private boolean insertOnce(String sql, Map<String, Object> params) {
    try {
      return jdbc.sql(sql).params(params).param("now", Timestamp.from(clock.instant())).update() == 1;
    } catch (DuplicateKeyException concurrentFirstCall) {
      return false;
    }
  }
}
