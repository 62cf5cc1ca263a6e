package io.escala.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on every login of Escala and Camunda (staff form, HTTP Basic on the REST API, the
 * webapps' login), without letting anyone lock an account for good:
 *
 * <ul>
 *   <li>per account: {@code account.max-failures} failures within {@code account.window} lock the account for
 *       {@code account.lock}; each further lock lasts twice as long, up to {@code account.max-lock};
 *   <li>per client address: the same with the {@code client.*} limits, for all accounts together;
 *   <li>a locked attempt is refused before the password is checked (429 / the login page saying how long);
 *   <li>a client that logged in as the account before ({@link KnownDevices}) ignores the account's lock and does
 *       not add to it; its own address limit still applies.
 * </ul>
 *
 * Camunda's own lock is switched off ({@code login-max-attempts}, {@code login-delay-base} in application.yaml), so
 * this throttle, whose locks expire, is the only one. State lives in {@code escala_login_throttle}.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final LoginThrottleStore store;
  private final LoginThrottleProperties properties;
  private final Clock clock;

  public LoginThrottle(LoginThrottleStore store, LoginThrottleProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  /** Refused attempts get the wait; allowed ones remember whether the account has failures to clear on success. */
  public Verdict check(LoginAttempt attempt) {
    long now = clock.millis();
    List<String> keys = new ArrayList<>(List.of(attempt.clientKey()));
    if (attempt.accountKey() != null) {
      keys.add(attempt.accountKey());
    }
    Map<String, Long> locks = store.lockedUntil(keys);
    long until = locks.getOrDefault(attempt.clientKey(), 0L);
    if (attempt.accountKey() != null && !attempt.knownDevice()) {
      until = Math.max(until, locks.getOrDefault(attempt.accountKey(), 0L));
    }
    attempt.accountHasFailures = attempt.accountKey() != null && locks.containsKey(attempt.accountKey());
    return until > now ? Verdict.wait(Duration.ofMillis(until - now)) : Verdict.ALLOWED;
  }

  public void failed(LoginAttempt attempt) {
    long now = clock.millis();
    long forgetBefore = now - properties.forgetAfter().toMillis();
    store.recordFailure(attempt.clientKey(), properties.client(), now, forgetBefore);
    if (attempt.accountKey() != null && !attempt.knownDevice()) {
      store.recordFailure(attempt.accountKey(), properties.account(), now, forgetBefore);
    }
    log.info("Failed login for '{}' from {} ({})", attempt.account(), attempt.client(), attempt.entryPoint());
  }

  /** A right password clears the account's failures (a running lock stays); the client's count never resets. */
  public void succeeded(LoginAttempt attempt) {
    if (attempt.accountHasFailures) {
      store.clearUnlocked(attempt.accountKey(), clock.millis());
    }
  }

  @Scheduled(fixedDelayString = "${escala.security.login-throttle.purge-every:PT10M}",
      initialDelayString = "${escala.security.login-throttle.purge-every:PT10M}")
  public void purge() {
    long now = clock.millis();
    int purged = store.purge(now, now - properties.forgetAfter().toMillis());
    if (purged > 0) {
      log.debug("Purged {} idle login throttle rows", purged);
    }
  }

  /** One login attempt at one entry point. */
  public static final class LoginAttempt {
    private final String entryPoint;
    private final String client;
    private final String account;
    private final boolean knownDevice;
    boolean accountHasFailures;
    boolean authenticated;

    public LoginAttempt(String entryPoint, String client, String account, boolean knownDevice) {
      this.entryPoint = entryPoint;
      this.client = client == null ? "unknown" : client;
      this.account = account == null || account.isBlank() ? null : account;
      this.knownDevice = knownDevice && this.account != null;
      this.accountHasFailures = false;
    }

    public String entryPoint() {
      return entryPoint;
    }

    public String client() {
      return client;
    }

    public String account() {
      return account;
    }

    public boolean knownDevice() {
      return knownDevice;
    }

    String clientKey() {
      return "client:" + shortened(client);
    }

    String accountKey() {
      return account == null ? null : "account:" + shortened(account);
    }

    /** Keys stay within the column; no real account id is this long (Camunda allows 64 characters here). */
    private static String shortened(String value) {
      if (value.length() <= 150) {
        return value;
      }
      try {
        return "sha256:" + HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code retryAfter} is zero for an allowed attempt. */
  public record Verdict(Duration retryAfter) {
    static final Verdict ALLOWED = new Verdict(Duration.ZERO);

    static Verdict wait(Duration duration) {
      return new Verdict(duration);
    }

    public boolean allowed() {
      return retryAfter.isZero();
    }

    /** Whole seconds, rounded up, for {@code Retry-After}. */
    public long retryAfterSeconds() {
      return (retryAfter.toMillis() + 999) / 1000;
    }

    /** Whole minutes, rounded up, for people. */
    public long retryAfterMinutes() {
      return Math.max(1, (retryAfter.toSeconds() + 59) / 60);
    }
  }
}
