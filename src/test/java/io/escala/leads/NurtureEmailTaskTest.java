package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.leads.NurtureEmailTask.NurtureCopy;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NurtureEmailTaskTest {

  private final List<ContentItem> candidates = List.of(
      new ContentItem("c1", "course", "es", "ai-courses", "IA para docentes", "https://escala.io/c1", "Curso corto"),
      new ContentItem("w1", "webinar", "es", "ai-courses", "Webinar IA", "https://escala.io/w1", "En vivo"));
  private final NurtureEmailTask task = new NurtureEmailTask(Locale.forLanguageTag("es"), "ai-courses", 0,
      candidates, new NurtureCopy("c1", "Curso corto"));

  @Test
  void onlyACandidateIdAndALinkFreeIntroAreAccepted() {
    assertThat(task.validate(new NurtureCopy("w1", "Te ayudará a empezar."))).isEmpty();
    assertThat(task.validate(new NurtureCopy("https://evil.example", "Hola"))).isNotEmpty();
    assertThat(task.validate(new NurtureCopy("c1", "Mira https://evil.example"))).isNotEmpty();
    assertThat(task.validate(new NurtureCopy("c1", "x".repeat(401)))).isNotEmpty();
    assertThat(task.validate(new NurtureCopy(null, "ok"))).isNotEmpty();
  }

  @Test
  void theModelSeesNoPersonalDataAndNoUrls() {
    assertThat(task.input().toString()).doesNotContain("https://").doesNotContain("@");
    assertThat(task.instructions()).contains("exactly the id of the chosen candidate");
  }
}
