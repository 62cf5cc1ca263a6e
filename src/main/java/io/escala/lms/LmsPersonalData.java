package io.escala.lms;

import io.escala.platform.PersonalDataHolder;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A learner's enrolments and lesson completions in the built-in LMS (keyed by the normalized e-mail). A learner in
 * Moodle is not deleted there: Moodle keeps its own records under its own privacy tooling.
 */
@Component
class LmsPersonalData implements PersonalDataHolder {

  private final JdbcClient jdbc;

  LmsPersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void erase(String normalizedEmail) {
    String key = normalizedEmail.strip().toLowerCase(Locale.ROOT);
    jdbc.sql("DELETE FROM lms_lesson_completion WHERE learner_key = ?").param(key).update();
    jdbc.sql("DELETE FROM lms_enrollment WHERE learner_key = ?").param(key).update();
  }
}
