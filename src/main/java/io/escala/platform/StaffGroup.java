package io.escala.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Camunda group of staff that a feature needs. The platform creates it, grants it Tasklist and its own Tasklist
 * filter (its tasks, earliest due date first), and with {@code escala.security.seed-demo-staff} a demo user
 * {@code demo-<id>}.
 *
 * @param id Camunda group id (lower case, dashes)
 * @param name display name in Camunda Admin and of the Tasklist filter
 */
public record StaffGroup(String id, String name) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,40}");

  public StaffGroup {
    Objects.requireNonNull(name, "name");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Not a staff group id: " + id);
    }
  }
}
