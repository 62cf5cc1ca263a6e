package io.escala.platform;

import java.util.Objects;
import org.springframework.util.unit.DataSize;

/**
 * A path anyone may reach without logging in, as one feature declares it (see {@link PlatformContribution}).
 *
 * <ul>
 *   <li>{@link Kind#PAGE}: a browser page; its POSTs carry Spring Security's CSRF token and are rate limited per
 *       client.
 *   <li>{@link Kind#SIGNED_POST}: a machine endpoint (webhook, one-click unsubscribe) whose signature or token is the
 *       credential; no CSRF token, no per-client limit (one form tool posts for many people from one address), POST only.
 * </ul>
 *
 * Every public request body is capped at {@code maxBody}: refused from its {@code Content-Length} before it is read,
 * and a chunked body stops being read at the cap ({@link RequestBodyLimit}).
 *
 * @param pathPattern a Spring path pattern, e.g. {@code /register/**}
 * @param rateLimitPerMinute POSTs per client and minute for a page; 0 means the platform default
 */
public record PublicEndpoint(String pathPattern, Kind kind, DataSize maxBody, int rateLimitPerMinute) {

  /** Public forms are small: a whole registration with consent texts fits in a few kilobytes. */
  public static final DataSize DEFAULT_PAGE_BODY = DataSize.ofKilobytes(32);
  public static final DataSize DEFAULT_SIGNED_BODY = DataSize.ofKilobytes(64);

  public enum Kind { PAGE, SIGNED_POST }

  public PublicEndpoint {
    Objects.requireNonNull(pathPattern, "pathPattern");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(maxBody, "maxBody");
    if (!pathPattern.startsWith("/") || pathPattern.startsWith("/staff") || pathPattern.startsWith("/camunda")
        || pathPattern.startsWith("/engine-rest")) {
      throw new IllegalArgumentException("Not a public path: " + pathPattern);
    }
    if (rateLimitPerMinute < 0) {
      throw new IllegalArgumentException("rateLimitPerMinute < 0 for " + pathPattern);
    }
  }

  public static PublicEndpoint page(String pathPattern) {
    return new PublicEndpoint(pathPattern, Kind.PAGE, DEFAULT_PAGE_BODY, 0);
  }

  public static PublicEndpoint signedPost(String pathPattern) {
    return new PublicEndpoint(pathPattern, Kind.SIGNED_POST, DEFAULT_SIGNED_BODY, 0);
  }

  public PublicEndpoint withMaxBody(DataSize limit) {
    return new PublicEndpoint(pathPattern, kind, limit, rateLimitPerMinute);
  }

  public PublicEndpoint withRateLimitPerMinute(int perMinute) {
    return new PublicEndpoint(pathPattern, kind, maxBody, perMinute);
  }
}
