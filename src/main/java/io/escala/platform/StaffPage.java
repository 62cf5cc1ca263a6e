package io.escala.platform;

import java.util.List;
import java.util.Objects;

/**
 * A page under {@code /staff} and the groups that may open it; administrators ({@code camunda-admin}) may open
 * every page. Paths below {@code /staff} that no feature declares are for administrators only.
 *
 * @param path the page's path, e.g. {@code /staff/reports}; everything below it belongs to the page too
 * @param titleKey message key of the page's name in the staff navigation
 * @param groups the Camunda groups allowed, each declared by some {@link StaffGroup}
 */
public record StaffPage(String path, String titleKey, List<String> groups) {

  public StaffPage {
    Objects.requireNonNull(titleKey, "titleKey");
    if (path == null || !path.startsWith("/staff/") || path.endsWith("/") || path.contains("*")) {
      throw new IllegalArgumentException("A staff page path is /staff/<name>: " + path);
    }
    groups = List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("A staff page names the groups that may open it: " + path);
    }
  }

  public StaffPage(String path, String titleKey, String... groups) {
    this(path, titleKey, List.of(groups));
  }

  /** The page and everything below it. */
  public String pathPattern() {
    return path + "/**";
  }
}
