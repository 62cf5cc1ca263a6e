package io.escala.bench.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A JSON value that fits a simple JSON schema (objects, strings, enums, arrays, numbers, booleans, local
 * {@code $ref}s), drawn from a seed so the same prompt always gets the same answer.
 */
final class SchemaAnswer {

  private static final int MAX_DEPTH = 8;
  private static final String[] WORDS = {"plan", "curso", "equipo", "informe", "módulo", "cliente", "proposta",
      "entrega", "revisión", "aula"};

  private final JsonNode root;
  private final SplittableRandom random;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  private SchemaAnswer(JsonNode root, long seed) {
    this.root = root;
    this.random = new SplittableRandom(seed);
  }

  static JsonNode fitting(JsonNode schema, long seed) {
    SchemaAnswer answer = new SchemaAnswer(schema, seed);
    return answer.value(schema, 0);
  }

  private JsonNode value(JsonNode schema, int depth) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("enum") && resolved.get("enum").size() > 0) {
      JsonNode options = resolved.get("enum");
      return options.get(random.nextInt(options.size()));
    }
    if (resolved.has("const")) {
      return resolved.get("const");
    }
    for (String choice : new String[] {"anyOf", "oneOf"}) {
      if (resolved.has(choice)) {
        return value(firstNotNull(resolved.get(choice)), depth);
      }
    }
    String type = type(resolved);
    if (depth >= MAX_DEPTH && ("object".equals(type) || "array".equals(type))) {
      return "object".equals(type) ? nodes.objectNode() : nodes.arrayNode();
    }
    return switch (type) {
      case "object" -> object(resolved, depth);
      case "array" -> array(resolved, depth);
      case "integer" -> nodes.numberNode(between(resolved, 0, 100));
      case "number" -> nodes.numberNode(between(resolved, 0, 100) + random.nextInt(100) / 100.0);
      case "boolean" -> nodes.booleanNode(random.nextBoolean());
      case "null" -> nodes.nullNode();
      default -> nodes.textNode(text(resolved));
    };
  }

  private ObjectNode object(JsonNode schema, int depth) {
    ObjectNode object = nodes.objectNode();
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      object.set(field.getKey(), value(field.getValue(), depth + 1));
    }
    return object;
  }

  private ArrayNode array(JsonNode schema, int depth) {
    int min = schema.path("minItems").asInt(1);
    int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Math.max(min, 3);
    int size = min >= max ? min : min + random.nextInt(max - min + 1);
    ArrayNode array = nodes.arrayNode();
    JsonNode items = schema.has("items") ? schema.get("items") : nodes.objectNode().put("type", "string");
    for (int i = 0; i < size; i++) {
      array.add(value(items, depth + 1));
    }
    return array;
  }

  private String text(JsonNode schema) {
    int min = schema.path("minLength").asInt(0);
    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
    StringBuilder text = new StringBuilder();
    int words = 3 + random.nextInt(6);
    for (int i = 0; i < words || text.length() < min; i++) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.length() > max ? text.substring(0, max) : text.toString();
  }

  private int between(JsonNode schema, int defaultMin, int defaultMax) {
    int min = schema.path("minimum").asInt(defaultMin);
    int max = schema.path("maximum").asInt(Math.max(min, defaultMax));
    return max <= min ? min : min + random.nextInt(max - min + 1);
  }

  /** {@code "type": ["string", "null"]} answers the non-null type; no type but properties is an object. */
  private static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : "string";
    }
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (!"null".equals(one.asText())) {
          return one.asText();
        }
      }
      return "null";
    }
    return type.asText();
  }

  private static JsonNode firstNotNull(JsonNode choices) {
    for (JsonNode choice : choices) {
      if (!"null".equals(choice.path("type").asText())) {
        return choice;
      }
    }
    return choices.get(0);
  }

  /** Local references only ({@code #/$defs/X}, {@code #/definitions/X}); anything else answers as a string. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; current.has("$ref") && hops < MAX_DEPTH; hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#")) {
        return nodes.objectNode().put("type", "string");
      }
      current = root.at(ref.substring(1));
      if (current.isMissingNode()) {
        return nodes.objectNode().put("type", "string");
      }
    }
    return current;
  }
}
