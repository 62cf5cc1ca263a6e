package io.escala.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
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
 * The counts live in the database ({@link RateLimitCounters}), so nodes behind a load balancer share them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class PublicFormRateLimit extends OncePerRequestFilter {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private final int requestsPerMinute;
  private final Contributions contributions;
  private final MessageSource messages;
  private final LocaleResolver locales;
  private final RateLimitCounters counters;

  public PublicFormRateLimit(
      @Value("${escala.security.public-form-rate-limit.requests-per-minute:10}") int requestsPerMinute,
      Contributions contributions, MessageSource messages, LocaleResolver locales, RateLimitCounters counters) {
    this.requestsPerMinute = requestsPerMinute;
    this.contributions = contributions;
    this.messages = messages;
    this.locales = locales;
    this.counters = counters;
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
    String path = RequestPaths.of(request);
    return contributions.publicEndpointFor(path).filter(endpoint -> endpoint.kind() == PublicEndpoint.Kind.PAGE);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    PublicEndpoint page = pageOf(request).orElseThrow();
    int limit = page.rateLimitPerMinute() > 0 ? page.rateLimitPerMinute() : requestsPerMinute;
    RateLimitCounters.Hit hit = counters.hit(request.getRemoteAddr() + " " + page.pathPattern(), limit, WINDOW);
    if (hit.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(Math.max(1, (hit.retryAfter().toMillis() + 999) / 1000)));
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(messages.getMessage("error.rateLimited", null, locales.resolveLocale(request)));
  }
}
