package io.escala.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The process variables a Camunda Form (form-js schema, {@code forms/*.form}) submits: the first segment of the value
 * path of every keyed component that is not {@code disabled}. Tasklist sends exactly these (form-js leaves disabled
 * fields out), so a display-only field such as the customer's e-mail is never something a task can set.
 */
public final class CamundaFormFields {

  private CamundaFormFields() {}

  public static Set<String> submittable(JsonNode schema) {
    Set<String> names = new TreeSet<>();
    if (schema != null) {
      collect(schema.path("components"), "", names);
    }
    return names;
  }

  private static void collect(JsonNode components, String path, Set<String> names) {
    for (JsonNode component : components) {
      String key = text(component, "key");
      if (key != null && !component.path("disabled").asBoolean(false) && !"button".equals(text(component, "type"))) {
        names.add(firstSegment(path.isEmpty() ? key : path));
      }
      if (component.path("components").isArray()) {
        // Groups and dynamic lists with a path nest their fields' values under it.
        String nested = text(component, "path");
        collect(component.path("components"), nested == null ? path : path.isEmpty() ? nested : path + "." + nested,
            names);
      }
    }
  }

  private static String firstSegment(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText().strip();
  }
}
