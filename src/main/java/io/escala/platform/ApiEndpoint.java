package io.escala.platform;

import java.util.List;
import java.util.Objects;
import org.springframework.util.unit.DataSize;

/**
 * A machine API a feature offers under {@code /api}: HTTP Basic with a Camunda account that belongs to one of
 * {@code groups} (administrators too), stateless, no CSRF token (no browser session is ever used), throttled like
 * every other password check ({@link LoginThrottleFilter}), and its body capped at {@code maxBody} from its
 * {@code Content-Length} before anything reads it ({@link RequestBodyLimit}).
 *
 * @param pathPattern a Spring path pattern below {@code /api/}, e.g. {@code /api/reports/**}
 * @param groups the Camunda groups allowed, each declared by some {@link StaffGroup}
 */
public record ApiEndpoint(String pathPattern, List<String> groups, DataSize maxBody) {

  public static final DataSize DEFAULT_BODY = DataSize.ofMegabytes(1);

  public ApiEndpoint {
    Objects.requireNonNull(maxBody, "maxBody");
    if (pathPattern == null || !pathPattern.startsWith("/api/")) {
      throw new IllegalArgumentException("An API path is /api/<name>/...: " + pathPattern);
    }
    groups = List.copyOf(groups);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("An API endpoint names the groups that may call it: " + pathPattern);
    }
  }
}
