package io.escala.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds absolute links for e-mails and pages from {@code escala.public-url} (environment {@code ESCALA_PUBLICURL}).
 * Without it, the address the app itself listens on.
 */
@Component
public class PublicUrl {

  private final String base;

  public PublicUrl(
      @Value("${escala.public-url:}") String configured,
      @Value("${server.port:8080}") int port,
      @Value("${server.servlet.context-path:}") String contextPath) {
    String value = configured == null || configured.isBlank() ? "http://localhost:" + port + contextPath : configured;
    this.base = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  /** {@code path} starts with '/'; query parameters are encoded. */
  public String to(String path, Object... queryNameValuePairs) {
    UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(base + path);
    for (int i = 0; i + 1 < queryNameValuePairs.length; i += 2) {
      builder.queryParam(String.valueOf(queryNameValuePairs[i]), queryNameValuePairs[i + 1]);
    }
    return builder.encode().build().toUriString();
  }

  public String base() {
    return base;
  }
}
