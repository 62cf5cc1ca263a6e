package io.escala.enrollment;

import java.util.Locale;

/**
 * A course or a live webinar in the catalog. Its cohorts ({@link Cohort}) carry the dates, seats and price.
 *
 * @param language the language it is taught in (es, pt-BR or en)
 * @param lmsCourseId the course in the LMS (Moodle's course id); null for the built-in lessons
 * @param lessons how many lessons the built-in LMS lists (0 for a webinar)
 */
public record Course(long id, String slug, String title, String summary, Locale language, Kind kind,
    String lmsCourseId, int lessons, boolean published) {

  public enum Kind {
    /** Lessons to work through, with progress, milestones and a certificate at the end. */
    COURSE,
    /** One live session: reminders, attendance and a replay for those who missed it. */
    WEBINAR
  }

  public boolean isCourse() {
    return kind == Kind.COURSE;
  }
}
