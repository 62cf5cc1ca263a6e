package io.escala.enrollment;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The language course staff work in ({@code escala.enrollment.staff-language}, Spanish by default): their Tasklist
 * forms, {@code camunda:formRef="course-confirm-transfer-${courseTeam.formLanguage}"} (Tasklist forms are not
 * translated per user).
 */
@Component("courseTeam")
public class CourseTeam {

  private final Locale language;

  public CourseTeam(@Value("${escala.enrollment.staff-language:es}") String language) {
    this.language = Locale.forLanguageTag(language);
    if (!java.util.List.of("es", "pt-BR", "en").contains(this.language.toLanguageTag())) {
      throw new IllegalArgumentException("escala.enrollment.staff-language is es, pt-BR or en, not " + language);
    }
  }

  public String getFormLanguage() {
    return language.toLanguageTag();
  }

  public Locale language() {
    return language;
  }
}
