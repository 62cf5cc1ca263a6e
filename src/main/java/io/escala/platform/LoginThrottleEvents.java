package io.escala.platform;

import io.escala.platform.LoginThrottle.LoginAttempt;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The outcome of a staff form login ({@code POST /login}), from Spring Security's authentication events, for the
 * attempt {@link LoginThrottleFilter} let through. Events without such an attempt (another login mechanism) are
 * not counted here.
 */
@Component
public class LoginThrottleEvents {

  private final LoginThrottle throttle;
  private final KnownDevices knownDevices;

  public LoginThrottleEvents(LoginThrottle throttle, KnownDevices knownDevices) {
    this.throttle = throttle;
    this.knownDevices = knownDevices;
  }

  @EventListener
  public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
    LoginAttempt attempt = attemptFor(event.getAuthentication());
    if (attempt != null) {
      throttle.failed(attempt);
    }
  }

  @EventListener
  public void onSuccess(AuthenticationSuccessEvent event) {
    LoginAttempt attempt = attemptFor(event.getAuthentication());
    if (attempt == null) {
      return;
    }
    throttle.succeeded(attempt);
    if (!attempt.knownDevice()
        && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
        && servlet.getResponse() != null) {
      knownDevices.remember(servlet.getRequest(), servlet.getResponse(), attempt.account());
    }
  }

  private static LoginAttempt attemptFor(Authentication authentication) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null || !(request.getAttribute(LoginThrottleFilter.ATTEMPT, RequestAttributes.SCOPE_REQUEST)
        instanceof LoginAttempt attempt) || !LoginThrottleFilter.STAFF_LOGIN.equals(attempt.entryPoint())) {
      return null;
    }
    // The event is about the attempt's account (Spring Security read the same form field); a blank one counts
    // for the client only.
    String name = authentication == null || authentication.getName() == null ? "" : authentication.getName();
    return (attempt.account() == null ? name.isBlank() : attempt.account().equals(name)) ? attempt : null;
  }
}
