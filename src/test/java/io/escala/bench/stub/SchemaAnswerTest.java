package io.escala.bench.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaAnswerTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void followsLocalReferencesNullableTypesAndTheSchemasLimits() throws Exception {
    JsonNode schema = json.readTree("""
        {"type":"object","properties":{
           "lines":{"type":"array","items":{"$ref":"#/$defs/Line"},"minItems":2,"maxItems":2},
           "note":{"type":["string","null"],"maxLength":5},
           "stage":{"anyOf":[{"type":"null"},{"type":"string","enum":["LEAD","CUSTOMER"]}]},
           "score":{"type":"integer","minimum":10,"maximum":12}},
         "$defs":{"Line":{"type":"object","properties":{"text":{"type":"string"},"tags":{"type":"array",
           "items":{"type":"string"}}}}}}
        """);

    JsonNode answer = SchemaAnswer.fitting(schema, 99);

    assertThat(answer.get("lines")).hasSize(2);
    assertThat(answer.get("lines").get(0).get("text").asText()).isNotBlank();
    assertThat(answer.get("lines").get(1).get("tags").isArray()).isTrue();
    assertThat(answer.get("note").asText()).hasSizeBetween(1, 5);
    assertThat(answer.get("stage").asText()).isIn("LEAD", "CUSTOMER");
    assertThat(answer.get("score").asInt()).isBetween(10, 12);
    assertThat(SchemaAnswer.fitting(schema, 99)).isEqualTo(answer);
  }
}
