package io.escala.platform;

import io.escala.platform.LoginThrottle.LoginAttempt;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs just inside Camunda's REST authentication filter ({@code camunda-auth}, see {@link SecurityConfiguration}):
 * reaching it with the engine's authentication set to the Basic user means the password was right. Tells
 * {@link LoginThrottleFilter} so, and remembers the client for that account while the response is still open.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 21)
public class RestLoginOutcome extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final KnownDevices knownDevices;

  public RestLoginOutcome(IdentityService identityService, KnownDevices knownDevices) {
    this.identityService = identityService;
    this.knownDevices = knownDevices;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !(request.getAttribute(LoginThrottleFilter.ATTEMPT) instanceof LoginAttempt attempt)
        || !LoginThrottleFilter.REST.equals(attempt.entryPoint());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    LoginAttempt attempt = (LoginAttempt) request.getAttribute(LoginThrottleFilter.ATTEMPT);
    Authentication current = identityService.getCurrentAuthentication();
    if (current != null && attempt.account() != null && attempt.account().equals(current.getUserId())) {
      attempt.authenticated = true;
      if (!attempt.knownDevice()) {
        knownDevices.remember(request, response, attempt.account());
      }
    }
    chain.doFilter(request, response);
  }
}
