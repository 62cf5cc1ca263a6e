package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateFormTest {

  private static TemplateForm form(String key, String body, TemplateForm.SectionForm... sections) {
    TemplateForm form = new TemplateForm();
    form.setTemplateKey(key);
    form.setName("Carta");
    form.setBody(body);
    form.setSections(new java.util.ArrayList<>(List.of(sections)));
    return form;
  }

  private static TemplateForm.SectionForm section(String name, String prompt, String maxTokens, String min,
      String max, String schema) {
    TemplateForm.SectionForm section = new TemplateForm.SectionForm();
    section.setName(name);
    section.setPrompt(prompt);
    section.setMaxTokens(maxTokens);
    section.setMinLength(min);
    section.setMaxLength(max);
    section.setJsonSchema(schema);
    return section;
  }

  @Test
  void aValidFormBecomesSectionsWithTermListsOnePerLine() {
    TemplateForm.SectionForm intro = section("intro", "Saluda a {{nombre}}", "300", "20", "", "");
    intro.setRequiredTerms(" Escala \n\n curso ");
    intro.setLanguage("es");
    TemplateForm form = form("carta-2027", "Hola {{nombre}} {{llm:intro}}", intro);

    assertThat(form.problems()).isEmpty();
    TemplateSection section = form.templateSections().get(0);
    assertThat(section.requiredTerms()).containsExactly("Escala", "curso");
    assertThat(section.minLength()).isEqualTo(20);
    assertThat(section.maxLength()).isNull();
    assertThat(section.language()).isEqualTo("es");
    assertThat(section.jsonSchema()).isNull();
  }

  @Test
  void eachProblemIsNamedWithItsSection() {
    TemplateForm form = form("Carta Nueva", " ",
        section("Intro", "", "0", "50", "10", "[1]"),
        section("cierre", "Despide", "100", "", "", ""),
        section("cierre", "Otra", "100", "", "", "{\"type\":\"object\"}"));

    assertThat(form.problems()).extracting(TemplateForm.Problem::key).containsExactly(
        "documents.templates.problem.key", "documents.templates.problem.body",
        "documents.templates.problem.sectionName", "documents.templates.problem.prompt",
        "documents.templates.problem.maxTokens", "documents.templates.problem.lengths",
        "documents.templates.problem.schema", "documents.templates.problem.sectionTwice");
    assertThat(form.problems().get(2).arguments()).containsExactly(1);
    assertThat(form.problems().get(7).arguments()).containsExactly("cierre");
  }

  @Test
  void theSampleRowIsKeyValueLinesOrACsvHeaderAndLine() {
    TemplateForm form = new TemplateForm();
    form.setSample("nombre = Lucía\nempresa=Acme = Beta\n");
    assertThat(form.sampleRow()).containsExactly(java.util.Map.entry("nombre", "Lucía"),
        java.util.Map.entry("empresa", "Acme = Beta"));

    form.setSample("nombre;empresa;ciudad\nLucía;\"Acme; S.A.\"\n");
    assertThat(form.sampleRow()).containsExactly(java.util.Map.entry("nombre", "Lucía"),
        java.util.Map.entry("empresa", "Acme; S.A."), java.util.Map.entry("ciudad", ""));
  }
}
