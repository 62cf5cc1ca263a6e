package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Anonymous password guessing on the three login entry points meets Escala's expiring throttle, never Camunda's
 * permanent lock, and the administrator still gets in from a browser that logged in before.
 */
abstract class LoginThrottleScenarios extends EscalaIntegrationTest {

  @Autowired IdentityService identityService;
  @Autowired JdbcClient jdbc;

  private String admin;
  private String password;

  @BeforeEach
  void anAdministrator() {
    admin = "throttle-admin-" + UUID.randomUUID().toString().substring(0, 8);
    password = RandomPasswords.generate();
    User user = identityService.newUser(admin);
    user.setFirstName("Throttle");
    user.setLastName("Admin");
    user.setEmail(admin + "@escala.local");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(admin, Groups.CAMUNDA_ADMIN);
  }

  @AfterEach
  void forgetEverything() {
    identityService.deleteUser(admin);
    // Every test client is 127.0.0.1: leave no client lock behind for the other test classes.
    jdbc.sql("DELETE FROM escala_login_throttle").update();
  }

  private HttpResponse<String> rest(EscalaHttpClient client, String secret) {
    return client.rest("GET", "/engine-rest/user/" + admin + "/profile", null, admin, secret);
  }

  private UserEntity camundaUser() {
    return (UserEntity) identityService.createUserQuery().userId(admin).singleResult();
  }

  @Test
  void wrongBasicPasswordsAreThrottledForAWhileAndCamundaNeverLocksTheAccount() {
    long[] lockMinutes = {15, 30, 60};
    for (int round = 0; round < lockMinutes.length; round++) {
      for (int i = 0; i < 5; i++) {
        assertThat(rest(http, "wrong-" + i).statusCode()).as("round %d, guess %d", round, i).isEqualTo(401);
      }
      HttpResponse<String> throttled = rest(http, password);
      assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After")).hasValue(String.valueOf(lockMinutes[round] * 60));
      assertThat(throttled.body()).contains("Vuelve a intentarlo en " + lockMinutes[round] + " minutos");
      for (int i = 0; i < 3; i++) {
        assertThat(rest(http, "wrong-again").statusCode()).isEqualTo(429);
      }
      // Only the 5 guesses of each round reached Camunda's password check.
      assertThat(camundaUser().getAttempts()).isEqualTo(5 * (round + 1));
      moveClock(Duration.ofMinutes(lockMinutes[round]));
    }

    // 15 failures: past Camunda's default of 10 that would have locked the account for good.
    assertThat(camundaUser().getLockExpirationTime()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
    assertThat(rest(http, password).statusCode()).isEqualTo(200);
    assertThat(camundaUser().getAttempts()).isZero();
  }

  @Test
  void basicPasswordsForTheMetricsEndpointCountToo() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.rest("GET", "/actuator/prometheus", null, admin, "wrong-" + i).statusCode())
          .as("guess %d", i).isEqualTo(401);
    }
    HttpResponse<String> throttled = http.rest("GET", "/actuator/prometheus", null, admin, password);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(rest(http, password).statusCode()).as("the same account on the REST API").isEqualTo(429);
    moveClock(Duration.ofMinutes(15));
    // Past the lock the right password is accepted (this JSON client then gets 406 from the text endpoint).
    assertThat(http.rest("GET", "/actuator/prometheus", null, admin, password).statusCode()).isNotIn(401, 429);
  }

  @Test
  void theStaffLoginPageSaysHowLongToWaitInTheVisitorsLanguage() {
    http.get("/signup?lang=pt-BR");
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> failed = http.postForm("/login", Map.of("username", admin, "password", "wrong-" + i),
          http.get("/login").body());
      assertThat(failed.statusCode()).isEqualTo(302);
      assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }
    HttpResponse<String> throttled = http.postForm("/login", Map.of("username", admin, "password", password),
        http.get("/login").body());
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(throttled.body()).contains("Tentativas de login demais")
        .contains("Tente novamente em 15 minutos.").contains("href=\"/login\"");
    assertThat(camundaUser().getAttempts()).isEqualTo(5);

    moveClock(Duration.ofMinutes(15));
    HttpResponse<String> in = http.postForm("/login", Map.of("username", admin, "password", password),
        http.get("/login").body());
    assertThat(in.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
  }

  /** Guesses sent in parallel cannot all pass the check before the first failure locks the account. */
  @Test
  void parallelGuessesAtAnAccountThatFailedGetNoMoreThanTheLimit() throws Exception {
    assertThat(rest(http, "wrong-first").statusCode()).isEqualTo(401);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String guess = "wrong-parallel-" + i;
        answers.add(pool.submit(() -> rest(new EscalaHttpClient("http://localhost:" + port), guess).statusCode()));
      }
      int refused = 0;
      for (java.util.concurrent.Future<Integer> answer : answers) {
        int status = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(status).isIn(401, 429);
        refused += status == 429 ? 1 : 0;
      }
      assertThat(refused).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
    assertThat(camundaUser().getAttempts()).as("password checks reaching Camunda").isEqualTo(5);
  }

  /** Spellings that the container, Spring Security and Camunda read as the same login, but a raw match would not. */
  @Test
  void noSpellingOfThePathTheNameOrTheHeaderEscapesTheCount() {
    // An encoded path and a name with a space: both are the admin's staff login.
    for (int i = 0; i < 3; i++) {
      http.postForm("/%6cogin", Map.of("username", admin, "password", "wrong-" + i), http.get("/login").body());
    }
    for (int i = 3; i < 5; i++) {
      http.postForm("/login", Map.of("username", admin + " ", "password", "wrong-" + i), http.get("/login").body());
    }
    assertThat(camundaUser().getAttempts()).isEqualTo(5);
    assertThat(http.postForm("/%6cogin", Map.of("username", admin + " ", "password", password),
        http.get("/login").body()).statusCode()).as("locked whatever the spelling").isEqualTo(429);

    // A Basic header with a character outside the alphabet, which Camunda's lenient decoder skips.
    moveClock(Duration.ofMinutes(15));
    jdbc.sql("DELETE FROM escala_login_throttle").update();
    String header = java.util.Base64.getEncoder().encodeToString((admin + ":wrong").getBytes(StandardCharsets.UTF_8));
    String malformed = "Basic " + header.substring(0, 4) + "*" + header.substring(4);
    for (int i = 0; i < 5; i++) {
      sendWithAuthorization("/engine-res%74/user/" + admin + "/profile", malformed);
    }
    assertThat(rest(http, password).statusCode()).as("the malformed guesses counted for the account").isEqualTo(429);
  }

  private int sendWithAuthorization(String path, String authorization) {
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
              .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theWebappLoginIsThrottledToo() {
    for (int i = 0; i < 4; i++) {
      assertThat(webappLogin(http, "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // Refused by Camunda's CSRF filter before any password check: it must not count as a success.
    assertThat(http.postForm("/camunda/api/admin/auth/user/default/login/cockpit",
        Map.of("username", admin, "password", password), null).statusCode()).isEqualTo(403);
    assertThat(webappLogin(http, "wrong-4").statusCode()).isEqualTo(401);
    HttpResponse<String> throttled = webappLogin(http, password);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("900");
    assertThat(camundaUser().getAttempts()).isEqualTo(5);
    moveClock(Duration.ofMinutes(15));
    HttpResponse<String> in = webappLogin(http, password);
    assertThat(in.statusCode()).isEqualTo(200);
    assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(KnownDevices.COOKIE + "="));
  }

  @Test
  void aBrowserThatLoggedInBeforeStillGetsInWhileStrangersLockTheAccount() {
    EscalaHttpClient adminsBrowser = http;
    HttpResponse<String> first = adminsBrowser.postForm("/login", Map.of("username", admin, "password", password),
        adminsBrowser.get("/login").body());
    assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    assertThat(first.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(KnownDevices.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict"));
    remember(adminsBrowser, first);

    EscalaHttpClient stranger = new EscalaHttpClient("http://localhost:" + port);
    for (int i = 0; i < 5; i++) {
      assertThat(rest(stranger, "guess-" + i).statusCode()).isEqualTo(401);
    }
    assertThat(rest(stranger, password).statusCode()).isEqualTo(429);
    assertThat(webappLogin(stranger, password).statusCode()).isEqualTo(429);

    HttpResponse<String> again = adminsBrowser.postForm("/login", Map.of("username", admin, "password", password),
        adminsBrowser.get("/login").body());
    assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    assertThat(webappLogin(adminsBrowser, password).statusCode()).isEqualTo(200);
    assertThat(rest(adminsBrowser, password).statusCode()).isEqualTo(200);
    assertThat(rest(stranger, password).statusCode()).as("still locked for strangers").isEqualTo(429);
  }

  /**
   * Camunda's webapp login, as Cockpit posts it: with the session and CSRF token of a page opened first, and the
   * known-device cookie of {@code browser} if it has one.
   */
  private HttpResponse<String> webappLogin(EscalaHttpClient browser, String secret) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://localhost:" + port;
    try {
      HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      StringBuilder cookies = new StringBuilder();
      String csrf = null;
      for (String setCookie : page.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        cookies.append(cookies.isEmpty() ? "" : "; ").append(pair);
        if (pair.startsWith("XSRF-TOKEN=")) {
          csrf = pair.substring("XSRF-TOKEN=".length());
        }
      }
      String knownDevice = knownDeviceCookies.get(browser);
      if (knownDevice != null) {
        cookies.append("; ").append(knownDevice);
      }
      String form = "username=" + URLEncoder.encode(admin, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(secret, StandardCharsets.UTF_8);
      HttpRequest.Builder login = HttpRequest.newBuilder(
              URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
          .header("Cookie", cookies.toString())
          .POST(HttpRequest.BodyPublishers.ofString(form));
      if (csrf != null) {
        login.header("X-XSRF-TOKEN", csrf);
      }
      return client.send(login.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The known-device cookie each test browser received, to send along with the webapp login. */
  private final Map<EscalaHttpClient, String> knownDeviceCookies = new java.util.HashMap<>();

  private void remember(EscalaHttpClient browser, HttpResponse<String> response) {
    response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(KnownDevices.COOKIE + "="))
        .findFirst().ifPresent(c -> knownDeviceCookies.put(browser, c.split(";", 2)[0]));
  }
}
