package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Modeler template must stay in step with the input parameters GenerateTextDelegate reads. */
class GenerateTextElementTemplateTest {

  @Test
  void bindsTheDelegateAsyncAndItsFourInputParameters() throws Exception {
    JsonNode templates = new ObjectMapper()
        .readTree(Path.of("processes/.camunda/element-templates/generate-text.json").toFile());
    JsonNode template = templates.get(0);

    assertThat(template.path("$schema").asText())
        .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
    assertThat(template.path("id").asText()).isEqualTo("io.escala.generateText");
    assertThat(template.path("appliesTo").toString()).isEqualTo("[\"bpmn:ServiceTask\"]");

    List<String> inputParameters = new ArrayList<>();
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      switch (binding.path("type").asText()) {
        case "property" -> {
          assertThat(property.path("type").asText()).isEqualTo("Hidden");
          if (binding.path("name").asText().equals("camunda:delegateExpression")) {
            assertThat(property.path("value").asText()).isEqualTo("${generateText}");
          } else {
            assertThat(binding.path("name").asText()).isEqualTo("camunda:asyncBefore");
            assertThat(property.path("value").asBoolean()).isTrue();
          }
        }
        case "camunda:inputParameter" -> inputParameters.add(binding.path("name").asText());
        default -> throw new AssertionError("unexpected binding " + binding);
      }
    }
    assertThat(inputParameters).containsExactly("promptId", "outputVariable", "inputVariables", "maxChars");
  }
}
