package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentChecksTest {

  private static final DocumentChecks checks = new DocumentChecks();

  private static final String SPANISH = "Estimada Ana, gracias por confiar en Escala para la formación de sus docentes."
      + " Le enviamos el programa del curso y las fechas de inicio del próximo semestre.";
  private static final String ENGLISH = "Dear Ana, thank you for trusting Escala with the training of your teachers."
      + " We are sending you the course programme and the start dates of the next term.";
  private static final String PORTUGUESE = "Prezada Ana, obrigado por confiar na Escala para a formação dos seus"
      + " professores. Enviamos o programa do curso e as datas de início do próximo semestre.";

  private static TemplateSection section(Integer min, Integer max, String language, List<String> required,
      List<String> forbidden, String schema) {
    return new TemplateSection("intro", "Escribe", 300, min, max, language, required, forbidden, schema);
  }

  @Test
  void aDocumentWithinItsConstraintsPasses() {
    assertThat(checks.section(section(50, 400, "es", List.of("Escala", "curso"), List.of("garantizado"), null),
        SPANISH)).isEmpty();
  }

  @Test
  void lengthBoundsAreCheckedInCharacters() {
    assertThat(checks.section(section(500, null, null, List.of(), List.of(), null), SPANISH))
        .containsExactly(new CheckResult("length", "intro", SPANISH.length() + " characters, at least 500 expected"));
    assertThat(checks.section(section(null, 20, null, List.of(), List.of(), null), SPANISH))
        .containsExactly(new CheckResult("length", "intro", SPANISH.length() + " characters, at most 20 expected"));
  }

  @Test
  void requiredAndForbiddenTermsIgnoreCase() {
    assertThat(checks.section(section(null, null, null, List.of("ESCALA", "descuento"), List.of("Semestre"), null),
        SPANISH)).containsExactly(
            new CheckResult("required-term", "intro", "\"descuento\" is missing"),
            new CheckResult("forbidden-term", "intro", "\"Semestre\" is present"));
  }

  @Test
  void theLanguageIsDetected() {
    assertThat(checks.detectLanguage(SPANISH)).contains("es");
    assertThat(checks.detectLanguage(ENGLISH)).contains("en");
    assertThat(checks.detectLanguage(PORTUGUESE)).contains("pt");
    assertThat(checks.section(section(null, null, "es", List.of(), List.of(), null), ENGLISH))
        .containsExactly(new CheckResult("language", "intro", "written in en, es expected"));
    assertThat(checks.section(section(null, null, "pt-BR", List.of(), List.of(), null), PORTUGUESE)).isEmpty();
    assertThat(checks.section(section(null, null, "pt-BR", List.of(), List.of(), null), SPANISH))
        .extracting(CheckResult::check).containsExactly("language");
  }

  @Test
  void aTextTooShortToTellIsNotJudgedOnLanguage() {
    assertThat(checks.section(section(null, null, "es", List.of(), List.of(), null), "OK, thanks!")).isEmpty();
  }

  @Test
  void structuredSectionsAreValidatedAgainstTheirSchema() {
    String schema = """
        {"type":"object","required":["asunto","puntos"],"additionalProperties":false,
         "properties":{"asunto":{"type":"string","maxLength":60},
                       "puntos":{"type":"array","items":{"type":"string"},"minItems":2}}}""";
    TemplateSection structured = section(null, null, null, List.of(), List.of(), schema);

    assertThat(checks.section(structured, "{\"asunto\":\"Su curso\",\"puntos\":[\"uno\",\"dos\"]}")).isEmpty();
    assertThat(checks.section(structured, "{\"asunto\":\"Su curso\",\"puntos\":[\"uno\"]}"))
        .extracting(CheckResult::check).containsExactly("json-schema");
    assertThat(checks.section(structured, "{\"asunto\":\"Su curso\",\"puntos\":[\"a\",\"b\"],\"extra\":1}"))
        .extracting(CheckResult::check).containsExactly("json-schema");
    assertThat(checks.section(structured, "Claro, aquí está: {\"asunto\"")).containsExactly(
        new CheckResult("json-schema", "intro", "not JSON"));
  }

  @Test
  void placeholdersLeftInTheDocumentAreReported() {
    LeakIndex none = LeakIndex.of(Map.of());

    assertThat(checks.document("Hola Ana, su código es {{codigo}} y {{ fecha }}.", 2, none)).containsExactly(
        new CheckResult("unresolved-placeholder", null, "{{codigo}} {{ fecha }}"));
    assertThat(checks.document("Hola Ana.", 2, none)).isEmpty();
  }

  @Test
  void aDistinctiveValueOfAnotherRowIsALeak() {
    LeakIndex index = LeakIndex.of(Map.of(
        2, Map.of("nombre", "Ana Torres", "email", "ana.torres@acme.com", "ciudad", "Lima", "plan", "Premium"),
        3, Map.of("nombre", "Luis Prado", "email", "luis@beta.pe", "ciudad", "Lima", "plan", "Premium"),
        4, Map.of("nombre", "Eva Quispe", "email", "eva@gama.pe", "ciudad", "Cusco", "plan", "Básico")));

    assertThat(checks.document("Estimada Ana Torres: su plan Premium en Lima está activo.", 2, index)).isEmpty();
    assertThat(checks.document("Estimada Ana Torres, como Luis   Prado, escriba a EVA@gama.pe.", 2, index))
        .containsExactly(
            new CheckResult("other-row-data", null, "\"luis prado\" belongs to line 3"),
            new CheckResult("other-row-data", null, "\"eva gama pe\" belongs to line 4"));
    assertThat(checks.document("Nada en Cusco.", 2, index))
        .as("values shorter than 6 characters are too common to tell").isEmpty();
  }
}
