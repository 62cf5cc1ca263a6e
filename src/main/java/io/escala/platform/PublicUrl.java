package io.escala.platform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds absolute links for e-mails and pages from {@code escala.public-url} (environment {@code ESCALA_PUBLICURL}).
 * Without it, the address the app itself listens on (the real port, also when {@code server.port=0}): right for one
 * node on a laptop, wrong behind a load balancer, where a link would point at one node's localhost. So
 * {@code escala.public-url-required} (on in the {@code postgres} profile) makes a blank value stop the start.
 */
@Component
public class PublicUrl {

  private final boolean configured;
  private final String contextPath;
  private volatile String base;

  /** A URL that is not required (tests, the embedded default). */
  public PublicUrl(String configuredUrl, int port, String contextPath) {
    this(configuredUrl, port, contextPath, false);
  }

  @Autowired
  public PublicUrl(
      @Value("${escala.public-url:}") String configuredUrl,
      @Value("${server.port:8080}") int port,
      @Value("${server.servlet.context-path:}") String contextPath,
      @Value("${escala.public-url-required:false}") boolean required) {
    this.configured = configuredUrl != null && !configuredUrl.isBlank();
    if (required && !configured) {
      throw new Missing();
    }
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

  /** Start-up stops with this when a public URL is required and none is set; one line says what to do. */
  public static final class Missing extends IllegalStateException {
    Missing() {
      super("Set ESCALA_PUBLICURL (escala.public-url) to the address customers use, e.g. https://escala.example.com:"
          + " it is required with the postgres profile, where several nodes share the database and a link in an"
          + " e-mail must not point at one node's own address");
    }
  }

  private static String strip(String value) {
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
