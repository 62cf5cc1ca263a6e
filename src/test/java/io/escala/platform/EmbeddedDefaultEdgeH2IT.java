package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application as {@code ./mvnw spring-boot:run} starts it (no SMTP host, offline LLM), seen over HTTP: health,
 * cookies and transport security, directly and behind a TLS-terminating proxy that sends
 * {@code X-Forwarded-Proto: https}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:escala-edge-it;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=",
    "escala.llm.api-key="
})
class EmbeddedDefaultEdgeH2IT {

  private static final Pattern SAME_SITE = Pattern.compile("(?i);\\s*SameSite=");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine processEngine;

  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void makeThisContextsEngineTheDefault() {
    ProcessEngines.registerProcessEngine(processEngine);
  }

  @Test
  void healthIsUpWithoutAnSmtpHost() throws Exception {
    HttpResponse<String> health = get("/actuator/health", false);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void theWebappSessionCookieCarriesExactlyOneSameSite() throws Exception {
    HttpResponse<String> page = get("/camunda/app/tasklist/default/", false);

    String session = cookie(page, "JSESSIONID");
    assertThat(count(SAME_SITE.matcher(session))).as(session).isEqualTo(1);
    assertThat(session).containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly");
    assertThat(cookie(page, "XSRF-TOKEN")).as("Camunda's CSRF cookie").containsIgnoringCase("SameSite=Strict");
  }

  @Test
  void plainHttpGetsNoSecureCookiesAndNoHsts() throws Exception {
    for (String path : List.of("/camunda/app/tasklist/default/", "/signup")) {
      HttpResponse<String> page = get(path, false);

      assertThat(page.headers().allValues("Set-Cookie")).as(path).isNotEmpty()
          .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("secure"));
      assertThat(page.headers().firstValue("Strict-Transport-Security")).as(path).isEmpty();
    }
  }

  @Test
  void behindATlsProxyEveryCookieIsSecureAndHstsIsSent() throws Exception {
    for (String path : List.of("/camunda/app/tasklist/default/", "/signup")) {
      HttpResponse<String> page = get(path, true);

      assertThat(page.headers().allValues("Set-Cookie")).as(path).isNotEmpty()
          .allSatisfy(cookie -> assertThat(cookie).containsPattern("(?i);\\s*Secure"));
      assertThat(page.headers().allValues("Strict-Transport-Security")).as(path)
          .singleElement().asString().startsWith("max-age=");
    }
    assertThat(count(SAME_SITE.matcher(cookie(get("/camunda/app/tasklist/default/", true), "JSESSIONID"))))
        .isEqualTo(1);
  }

  private HttpResponse<String> get(String path, boolean forwardedHttps) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (forwardedHttps) {
      request.header("X-Forwarded-Proto", "https");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> response, String name) {
    List<String> cookies = response.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith(name + "=")).toList();
    assertThat(cookies).as("Set-Cookie " + name + " in " + response.headers().allValues("Set-Cookie"))
        .hasSize(1);
    return cookies.get(0);
  }

  private static int count(Matcher matcher) {
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
