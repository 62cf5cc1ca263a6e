package io.escala.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Modeler template must keep offering exactly the stages the delegate understands. */
class UpdateCrmElementTemplateTest {

  private static final Path TEMPLATE = Path.of("processes/.camunda/element-templates/update-crm.json");

  @Test
  void theTemplateBindsTheDelegateAsyncAndOffersEveryStage() throws Exception {
    JsonNode template = new ObjectMapper().readTree(TEMPLATE.toFile());

    assertThat(template.path("id").asText()).isEqualTo("io.escala.updateCrm");
    assertThat(template.path("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
    JsonNode delegate = property(template, "camunda:delegateExpression");
    assertThat(delegate.path("type").asText()).isEqualTo("Hidden");
    assertThat(delegate.path("value").asText()).isEqualTo("${updateCrm}");
    assertThat(property(template, "camunda:asyncBefore").path("value").asBoolean()).isTrue();

    JsonNode stage = property(template, "stage");
    assertThat(stage.path("type").asText()).isEqualTo("Dropdown");
    List<String> choices = new ArrayList<>();
    stage.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
    assertThat(choices).containsExactlyElementsOf(
        Arrays.stream(LifecycleStage.values()).map(Enum::name).toList());
    // The contact comes from the flow's tables: no input names a variable holding an address.
    List<String> bindings = new ArrayList<>();
    template.path("properties").forEach(p -> bindings.add(p.path("binding").path("name").asText()));
    assertThat(bindings).doesNotContain("emailVariable");
    assertThat(template.path("version").asInt()).isEqualTo(2);
    assertThat(property(template, "activity").path("binding").path("type").asText())
        .isEqualTo("camunda:inputParameter");
  }

  private static JsonNode property(JsonNode template, String bindingName) {
    for (JsonNode property : template.path("properties")) {
      if (bindingName.equals(property.path("binding").path("name").asText())) {
        return property;
      }
    }
    throw new AssertionError("no property bound to " + bindingName);
  }
}
