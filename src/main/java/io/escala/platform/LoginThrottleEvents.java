package io.escala.platform;

import io.escala.platform.LoginThrottleFilter.StaffLogin;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The outcome of a staff form login ({@code POST /login}), from Spring Security's authentication events, for the
 * attempt {@link LoginThrottleFilter} let through on this thread. Events without such an attempt (another login
 * mechanism) are not counted here.
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
    StaffLogin login = loginFor(event.getAuthentication());
    if (login != null) {
      throttle.failed(login.attempt());
    }
  }

  @EventListener
  public void onSuccess(AuthenticationSuccessEvent event) {
    StaffLogin login = loginFor(event.getAuthentication());
    if (login == null) {
      return;
    }
    throttle.succeeded(login.attempt());
    if (!login.attempt().knownDevice()) {
      // Before Spring Security's redirect commits the response.
      knownDevices.remember(login.request(), login.response(), login.attempt().account());
    }
  }

  private static StaffLogin loginFor(Authentication authentication) {
    StaffLogin login = LoginThrottleFilter.staffLoginInProgress();
    if (login == null) {
      return null;
    }
    // On this thread, during this request, the event is about this login: counted whatever name Spring Security
    // made of the field (the filter trims it the same way), so no spelling of a name escapes the count.
    return login;
  }
}
