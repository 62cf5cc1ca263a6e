package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Modeler template offers exactly the delegate's one input: the recipient is not for a diagram to choose. */
class SendEmailElementTemplateTest {

  private static final Path TEMPLATE = Path.of("processes/.camunda/element-templates/send-email.json");

  @Test
  void theTemplateBindsTheDelegateAsyncAndAsksOnlyForTheTemplate() throws Exception {
    JsonNode template = new ObjectMapper().readTree(TEMPLATE.toFile()).get(0);

    assertThat(template.path("id").asText()).isEqualTo("io.escala.sendEmail");
    List<String> inputs = new ArrayList<>();
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      if ("camunda:delegateExpression".equals(binding.path("name").asText())) {
        assertThat(property.path("value").asText()).isEqualTo("${sendEmail}");
      }
      if ("camunda:asyncBefore".equals(binding.path("name").asText())) {
        assertThat(property.path("value").asBoolean()).isTrue();
      }
      if ("camunda:inputParameter".equals(binding.path("type").asText())) {
        inputs.add(binding.path("name").asText());
      }
    }
    assertThat(inputs).containsExactly("template");
  }
}
