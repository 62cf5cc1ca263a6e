package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextGenerationTaskTest {

  private final TextGenerationTask task =
      new TextGenerationTask("llmtest.welcome", "Write a welcome.", Map.of(), 120, "Hola, gracias por elegir Escala.");

  @Test
  void aShortPlainTextIsAccepted() {
    assertThat(task.validate(new GeneratedText(
        "¡Bienvenida, Ana! Vamos a ayudarte a lanzar tu curso de marketing en 2025 (versión 2.0 del plan).")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Entra en https://escala-promo.example/oferta para activar tu cuenta.",
      "Visita www.escala.com hoy.",
      "Acesse escala.com.br/ativar agora.",
      "Haz clic [aquí](javascript:alert(1)).",
      "Escríbenos a mailto:soporte@escala.io",
      "Más info en bit.ly/abc123"})
  void linksAreRejected(String text) {
    assertThat(task.validate(new GeneratedText(text))).containsExactly("text contains a link");
  }

  @Test
  void blankTooLongAndRedactionPlaceholdersAreRejected() {
    assertThat(task.validate(new GeneratedText("  "))).containsExactly("text is blank");
    assertThat(task.validate(new GeneratedText(null))).containsExactly("text is blank");
    assertThat(task.validate(new GeneratedText("a".repeat(121)))).containsExactly(
        "text has 121 characters, more than 120");
    assertThat(task.validate(new GeneratedText("Te llamaremos al [phone] pronto."))).containsExactly(
        "text contains a redaction placeholder");
  }

  @Test
  void theFallbackIsTheRenderedTemplate() {
    assertThat(task.fallback()).isEqualTo(new GeneratedText("Hola, gracias por elegir Escala."));
    assertThat(task.outputType()).isEqualTo(GeneratedText.class);
  }
}
