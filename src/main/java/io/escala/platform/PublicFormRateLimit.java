package io.escala.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Limits how often one client may submit the public forms (POST outside the staff and Camunda areas). The client is
 * the remote address; behind a proxy set {@code server.forward-headers-strategy=native} so that it is the real one.
 * Buckets of the least recently seen clients are dropped, so memory stays bounded under a spray of addresses.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class PublicFormRateLimit extends OncePerRequestFilter {

  private static final int MAX_CLIENTS = 10_000;

  private final int requestsPerMinute;
  private final Contributions contributions;
  private final MessageSource messages;
  private final LocaleResolver locales;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  public PublicFormRateLimit(
      @Value("${escala.security.public-form-rate-limit.requests-per-minute:10}") int requestsPerMinute,
      Contributions contributions, MessageSource messages, LocaleResolver locales) {
    this.requestsPerMinute = requestsPerMinute;
    this.contributions = contributions;
    this.messages = messages;
    this.locales = locales;
  }

  /**
   * Only POSTs to public pages. Signed machine endpoints (a form tool posts for many people from one address) and mail
   * providers' one-click unsubscribes are authenticated by their signature or token, not limited per address.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod()) || pageOf(request).isEmpty();
  }

  private Optional<PublicEndpoint> pageOf(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return contributions.publicEndpointFor(path).filter(endpoint -> endpoint.kind() == PublicEndpoint.Kind.PAGE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    PublicEndpoint page = pageOf(request).orElseThrow();
    int limit = page.rateLimitPerMinute() > 0 ? page.rateLimitPerMinute() : requestsPerMinute;
    if (bucketOf(request.getRemoteAddr() + " " + page.pathPattern(), limit).tryConsume(1)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(429);
    response.setHeader("Retry-After", "60");
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(messages.getMessage("error.rateLimited", null, locales.resolveLocale(request)));
  }

  private Bucket bucketOf(String client, int perMinute) {
    synchronized (buckets) {
      return buckets.computeIfAbsent(client, key -> Bucket.builder()
          .addLimit(Bandwidth.builder().capacity(perMinute)
              .refillGreedy(perMinute, Duration.ofMinutes(1)).build())
          .build());
    }
  }
}
