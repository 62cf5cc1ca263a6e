package io.escala.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds absolute links for e-mails and pages from {@code escala.public-url} (environment {@code ESCALA_PUBLICURL}).
 * Without it, the address the app itself listens on (the real port, also when {@code server.port=0}).
 */
@Component
public class PublicUrl {

  private final boolean configured;
  private final String contextPath;
  private volatile String base;

  public PublicUrl(
      @Value("${escala.public-url:}") String configuredUrl,
      @Value("${server.port:8080}") int port,
      @Value("${server.servlet.context-path:}") String contextPath) {
    this.configured = configuredUrl != null && !configuredUrl.isBlank();
    this.contextPath = contextPath;
    this.base = strip(configured ? configuredUrl : "http://localhost:" + port + contextPath);
  }

  @EventListener
  void onWebServerStarted(WebServerInitializedEvent event) {
    if (!configured && "".equals(event.getApplicationContext().getServerNamespace() == null ? ""
        : event.getApplicationContext().getServerNamespace())) {
      base = strip("http://localhost:" + event.getWebServer().getPort() + contextPath);
    }
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

  private static String strip(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
