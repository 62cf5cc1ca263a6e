package io.escala.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuiltInLmsTest {

  static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

  private final MigratedTestDatabase database = database();
  private final MutableClock clock = new MutableClock(NOW);
  private final BuiltInLms lms = new BuiltInLms(database.jdbc, clock);
  // unique per test: the PostgreSQL database is shared by the whole test run
  private final String course = "prompt-" + UUID.randomUUID();
  private final String email = "ana.souza+" + UUID.randomUUID() + "@example.com";
  private final LmsLearner ana = new LmsLearner(email.toUpperCase(Locale.ROOT), "Ana", "Souza");

  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("lms");
  }

  private long rows(String table) {
    return database.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE course_id = :course").param("course", course)
        .query(Long.class).single();
  }

  @BeforeEach
  void defineCourse() {
    lms.defineLesson(course, new BuiltInLms.Lesson("intro", 1, "Qué es un prompt"));
    lms.defineLesson(course, new BuiltInLms.Lesson("roles", 2, "Roles y contexto"));
    lms.defineLesson(course, new BuiltInLms.Lesson("eval", 4, "Evaluar respuestas"));
    lms.defineLesson(course, new BuiltInLms.Lesson("examples", 3, "Ejemplos"));
  }

  @AfterEach
  void drop() {
    database.drop();
  }

  @Test
  void erasingALearnerRemovesTheirEnrolmentsAndCompletions() {
    LmsEnrollment enrolled = lms.enroll(ana, course);
    lms.completeLesson(enrolled.lmsUserId(), course, "intro");
    new LmsPersonalData(database.jdbc).erase(email.toUpperCase(Locale.ROOT));
    assertThat(rows("lms_enrollment")).isZero();
    assertThat(rows("lms_lesson_completion")).isZero();
    assertThat(rows("lms_course_lesson")).as("the course itself stays").isEqualTo(4);
  }

  @Test
  void listsLessonsInOrderAndUpdatesARedefinedOne() {
    lms.defineLesson(course, new BuiltInLms.Lesson("intro", 1, "Qué es un prompt (2026)"));

    assertThat(lms.lessons(course)).extracting(BuiltInLms.Lesson::lessonId)
        .containsExactly("intro", "roles", "examples", "eval");
    assertThat(lms.lessons(course).get(0).title()).isEqualTo("Qué es un prompt (2026)");
  }

  @Test
  void enrollingTwiceKeepsOneEnrolmentAndTheSameIds() {
    LmsEnrollment first = lms.enroll(ana, course);
    clock.advance(Duration.ofHours(1));
    LmsEnrollment again = lms.enroll(new LmsLearner(email, "Ana María", "Souza"), course);

    assertThat(first).isEqualTo(new LmsEnrollment("built-in", email, course))
        .isEqualTo(again);
    assertThat(rows("lms_enrollment")).isEqualTo(1);
    assertThat(database.jdbc.sql("SELECT first_name, enrolled_at FROM lms_enrollment WHERE course_id = :course")
        .param("course", course)
        .query((row, n) -> row.getString(1) + " " + row.getTimestamp(2).toInstant()).single())
        .isEqualTo("Ana " + NOW);
  }

  @Test
  void progressCountsCompletedLessonsAndCompletesWithTheLast() {
    LmsEnrollment enrollment = lms.enroll(ana, course);
    String learner = enrollment.lmsUserId();
    assertThat(lms.progress(learner, course)).isEqualTo(new LmsProgress(0, 4, false));

    assertThat(lms.completeLesson(learner, course, "intro")).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(lms.completeLesson(learner, course, "intro")).isFalse();
    assertThat(lms.completeLesson(learner, course, "roles")).isTrue();
    assertThat(lms.progress(learner, course)).isEqualTo(new LmsProgress(2, 4, false));
    assertThat(lms.progress(learner, course).percent()).isEqualTo(50);
    // completing again keeps the first time
    assertThat(database.jdbc.sql("SELECT completed_at FROM lms_lesson_completion WHERE lesson_id = 'intro'"
            + " AND course_id = :course").param("course", course)
        .query(Timestamp.class).single().toInstant()).isEqualTo(NOW);

    lms.completeLesson(learner, course, "examples");
    lms.completeLesson(learner, course, "eval");
    assertThat(lms.progress(learner, course)).isEqualTo(new LmsProgress(4, 4, true));
  }

  @Test
  void refusesWhatDoesNotExist() {
    assertThatThrownBy(() -> lms.enroll(ana, "no-such-" + course))
        .isInstanceOfSatisfying(LmsRefusedException.class, e -> assertThat(e.errorCode()).isEqualTo("unknowncourse"));
    assertThatThrownBy(() -> lms.progress(email, course))
        .isInstanceOfSatisfying(LmsRefusedException.class, e -> assertThat(e.errorCode()).isEqualTo("notenrolled"));
    assertThatThrownBy(() -> lms.completeLesson(email, course, "intro"))
        .isInstanceOf(LmsRefusedException.class);

    lms.enroll(ana, course);
    assertThatThrownBy(() -> lms.completeLesson(email, course, "no-such-lesson"))
        .isInstanceOfSatisfying(LmsRefusedException.class, e -> assertThat(e.errorCode()).isEqualTo("unknownlesson"));
    assertThat(rows("lms_lesson_completion")).isZero();
  }
}
