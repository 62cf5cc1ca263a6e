package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.LoginThrottle.LoginAttempt;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle's arithmetic, done by the database: H2 here, PostgreSQL in {@link LoginThrottlePostgresIT}. Defaults:
 * 5 failures per account in 15 minutes lock it 15 minutes, doubling up to 4 hours; 20 per client in 10 minutes lock
 * the client 10 minutes.
 */
class LoginThrottleTest {

  private final MigratedTestDatabase database = database();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
  private final LoginThrottle throttle = newNode();
  /** Accounts and addresses of this run: the PostgreSQL test database is shared by the whole JVM. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("loginthrottle");
  }

  private LoginThrottle newNode() {
    return new LoginThrottle(new LoginThrottleStore(database.jdbc), LoginThrottleProperties.defaults(), clock);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private LoginAttempt attempt(String client, String account, boolean knownDevice) {
    return new LoginAttempt("test", client + "-" + run, account + "-" + run, knownDevice);
  }

  private int strangers;

  /** Each from an address of its own, so only the account's count grows. */
  private LoginAttempt stranger(String account) {
    strangers++;
    return attempt("10.1." + strangers / 250 + "." + strangers % 250, account, false);
  }

  private void fail(LoginThrottle node, LoginAttempt attempt, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(node.check(attempt).allowed()).as("failure %d is checked", i + 1).isTrue();
      node.failed(attempt);
    }
  }

  @Test
  void fiveFailuresLockTheAccountFifteenMinutesForEveryAddress() {
    fail(throttle, attempt("10.0.0.1", "ana", false), 4);
    assertThat(throttle.check(attempt("10.0.0.2", "ana", false)).allowed()).isTrue();
    fail(throttle, attempt("10.0.0.2", "ana", false), 1);

    LoginThrottle.Verdict verdict = throttle.check(attempt("10.0.0.3", "ana", false));
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.retryAfterSeconds()).isEqualTo(15 * 60);
    assertThat(verdict.retryAfterMinutes()).isEqualTo(15);
    assertThat(throttle.check(attempt("10.0.0.3", "bruno", false)).allowed()).as("other accounts").isTrue();

    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.check(attempt("10.0.0.3", "ana", false)).allowed()).isTrue();
  }

  @Test
  void eachFurtherLockLastsTwiceAsLongUpToFourHoursThenIsForgottenAfterADay() {
    long[] expectedMinutes = {15, 30, 60, 120, 240, 240};
    for (long minutes : expectedMinutes) {
      fail(throttle, stranger("carla"), 5);
      assertThat(throttle.check(stranger("carla")).retryAfterMinutes()).isEqualTo(minutes);
      clock.advance(Duration.ofMinutes(minutes));
    }
    clock.advance(Duration.ofDays(1));
    fail(throttle, stranger("carla"), 5);
    assertThat(throttle.check(stranger("carla")).retryAfterMinutes()).as("forgotten after a quiet day").isEqualTo(15);
  }

  @Test
  void failuresSpreadWiderThanTheWindowDoNotLock() {
    for (int i = 0; i < 12; i++) {
      fail(throttle, stranger("dario"), 1);
      clock.advance(Duration.ofMinutes(4));
    }
    assertThat(throttle.check(stranger("dario")).allowed()).isTrue();
  }

  @Test
  void aSuccessClearsTheAccountsFailuresButNotARunningLock() {
    fail(throttle, stranger("elena"), 4);
    LoginAttempt right = stranger("elena");
    assertThat(throttle.check(right).allowed()).isTrue();
    throttle.succeeded(right);
    fail(throttle, stranger("elena"), 4);
    assertThat(throttle.check(stranger("elena")).allowed()).as("counting from 0 again").isTrue();

    fail(throttle, stranger("elena"), 1);
    LoginAttempt known = attempt("10.9.9.9", "elena", true);
    assertThat(throttle.check(known).allowed()).isTrue();
    throttle.succeeded(known);
    assertThat(throttle.check(stranger("elena")).allowed()).as("the lock runs on for strangers").isFalse();
  }

  @Test
  void aKnownDeviceIgnoresTheAccountLockAndDoesNotAddToIt() {
    fail(throttle, stranger("admin"), 5);
    assertThat(throttle.check(stranger("admin")).allowed()).isFalse();
    LoginAttempt known = attempt("10.2.0.1", "admin", true);
    fail(throttle, known, 3);
    assertThat(throttle.check(known).allowed()).isTrue();
    clock.advance(Duration.ofMinutes(15));
    fail(throttle, stranger("admin"), 4);
    assertThat(throttle.check(stranger("admin")).allowed()).as("the known device's failures were not counted")
        .isTrue();
  }

  @Test
  void twentyFailuresFromOneAddressLockItForEveryAccountEvenAKnownDevice() {
    for (int i = 0; i < 20; i++) {
      fail(throttle, attempt("10.3.0.1", "user" + i, false), 1);
    }
    LoginThrottle.Verdict verdict = throttle.check(attempt("10.3.0.1", "someone", true));
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.retryAfterMinutes()).isEqualTo(10);
    assertThat(throttle.check(attempt("10.3.0.2", "someone", false)).allowed()).as("other addresses").isTrue();
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.check(attempt("10.3.0.1", "someone", false)).allowed()).isTrue();
  }

  @Test
  void twoNodesOnOneDatabaseShareTheCount() {
    LoginThrottle otherNode = newNode();
    fail(throttle, stranger("fabio"), 3);
    fail(otherNode, stranger("fabio"), 2);
    assertThat(throttle.check(stranger("fabio")).allowed()).isFalse();
    assertThat(otherNode.check(stranger("fabio")).allowed()).isFalse();
  }

  @Test
  void idleRowsArePurgedRunningLocksKept() {
    fail(throttle, stranger("gil"), 5);
    clock.advance(Duration.ofHours(2));
    fail(throttle, stranger("hana"), 1);
    clock.advance(Duration.ofHours(23));
    throttle.purge();
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM escala_login_throttle WHERE throttle_key = :key")
        .param("key", "account:gil-" + run).query(Long.class).single()).isZero();
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM escala_login_throttle WHERE throttle_key = :key")
        .param("key", "account:hana-" + run).query(Long.class).single()).isOne();
  }
}
