package io.escala.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.security.login-throttle.*}: how many failed logins an account and a client address may have before
 * they are refused for a while (see {@link LoginThrottle}).
 *
 * @param account failures counted per account, from any address
 * @param client failures counted per client address, for any account
 * @param forgetAfter a key without failures for this long starts again from its first, shortest lock; its row is
 *     purged
 * @param knownDeviceFor how long a browser or API client that logged in stays exempt from the per-account lock
 */
@ConfigurationProperties("escala.security.login-throttle")
public record LoginThrottleProperties(
    Limit account, Limit client, @DefaultValue("P1D") Duration forgetAfter,
    @DefaultValue("P180D") Duration knownDeviceFor) {

  static final Limit DEFAULT_ACCOUNT = new Limit(5, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(4));
  static final Limit DEFAULT_CLIENT = new Limit(20, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofHours(1));

  public LoginThrottleProperties {
    account = account != null ? account : DEFAULT_ACCOUNT;
    client = client != null ? client : DEFAULT_CLIENT;
  }

  /**
   * {@code maxFailures} failures within {@code window} lock for {@code lock}; each further lock before the key is
   * forgotten lasts twice as long, up to {@code maxLock}.
   */
  public record Limit(int maxFailures, Duration window, Duration lock, Duration maxLock) {
    public Limit {
      if (maxFailures < 1 || window.isNegative() || lock.isNegative() || maxLock.compareTo(lock) < 0) {
        throw new IllegalArgumentException("Invalid login throttle limit: " + maxFailures + " in " + window
            + ", lock " + lock + " up to " + maxLock);
      }
    }
  }

  public static LoginThrottleProperties defaults() {
    return new LoginThrottleProperties(null, null, Duration.ofDays(1), Duration.ofDays(180));
  }
}
