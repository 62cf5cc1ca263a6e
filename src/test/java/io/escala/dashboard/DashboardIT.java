package io.escala.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.Contributions;
import io.escala.platform.RandomPasswords;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staff dashboard at {@code /staff} with known data: each group sees its own sections with their figures and
 * chart data, administrators see every section, and operators read {@code escala_*} metrics from Prometheus.
 * The data lies in January 2001 and the clock is moved to February 2001, so nothing else in the shared database
 * falls into the dashboard's 30-day window.
 */
class DashboardIT extends EscalaIntegrationTest {

  static final Instant NOW = Instant.parse("2001-02-01T00:00:00Z");
  static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));
  static boolean loaded;

  @Autowired StaffDirectory staffDirectory;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbcTemplate;
  @Autowired EscalaMetrics metrics;

  @BeforeEach
  void knownMonth() {
    if (!loaded) {
      DashboardData data = new DashboardData(jdbcTemplate);
      data.signups(List.of(
          new DashboardData.Signup(DAY_AGO.minus(Duration.ofDays(3)), Duration.ofHours(1), Duration.ofHours(10)),
          new DashboardData.Signup(DAY_AGO.minus(Duration.ofDays(2)), Duration.ofHours(1), Duration.ofHours(20)),
          new DashboardData.Signup(DAY_AGO.minus(Duration.ofDays(1)), Duration.ofHours(2), null),
          new DashboardData.Signup(DAY_AGO, null, null),
          // before the window: not counted
          new DashboardData.Signup(NOW.minus(Duration.ofDays(40)), Duration.ofHours(1), Duration.ofHours(1))));
      data.leads(List.of(new DashboardData.Lead(DAY_AGO, 72, "hot", true),
          new DashboardData.Lead(DAY_AGO, 45, "warm", false),
          new DashboardData.Lead(DAY_AGO, 12, "cold", false)));
      data.mails(DAY_AGO, "SENT", 5);
      data.mails(DAY_AGO, "FAILED", 2);
      data.llmCalls(DAY_AGO, "onboarding.welcome", "model", 3, 1_000_000, 500_000);
      data.llmCalls(DAY_AGO, "onboarding.welcome", "fallback", 1, 0, 0);
      // success: 3 calls done in 2 h each, one of them... all due after 1 h: 3 completed late
      data.completedTasks("dashboard-test", "CallCustomer", "success", DAY_AGO, Duration.ofHours(2),
          Duration.ofHours(1), 3);
      data.completedTasks("dashboard-test", "QualifyLead", "sales", DAY_AGO, Duration.ofHours(4),
          Duration.ofHours(8), 2);
      loaded = true;
    }
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  EscalaHttpClient loggedInAs(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    String user = StaffDirectory.demoUserId(group);
    client.postForm("/login", Map.of("username", user, "password", staffDirectory.createdPasswords().get(user)),
        client.get("/login").body());
    return client;
  }

  String[] admin() {
    String id = "adm-" + UUID.randomUUID().toString().substring(0, 8);
    String password = RandomPasswords.generate();
    User user = identityService.newUser(id);
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(id, Contributions.ADMIN_GROUP);
    return new String[] {id, password};
  }

  @Test
  void customerSuccessSeesTheOnboardingFunnelAndItsTasks() {
    String page = loggedInAs("success").get("/staff", "en").body();
    assertThat(page).contains("id=\"section-onboarding\"").contains("id=\"section-tasks\"")
        .doesNotContain("id=\"section-leads\"").doesNotContain("id=\"section-llm\"")
        .doesNotContain("id=\"section-mail\"");
    // signed up 4 → verified 3 → activated 2; median of 10 h and 20 h
    assertThat(page).contains("&quot;values&quot;:[4,3,2]").contains("15 h").contains("50 %");
    // 3 calls, 2 h each, all after their due date
    assertThat(page).contains("Customer success").contains("Completed after the due date");
    assertThat(section(page, "tasks")).contains("&quot;values&quot;:[2.0]").contains(">3</dd>");
    assertThat(page).contains("src=\"/vendor/chartjs/chart.umd.min.js\"").contains("src=\"/js/dashboard.js\"")
        .contains("<canvas role=\"img\"");
  }

  @Test
  void salesSeesTheLeadFunnelAndScoreDistribution() {
    String page = loggedInAs("sales").get("/staff", "es").body();
    assertThat(page).contains("id=\"section-leads\"").doesNotContain("id=\"section-onboarding\"")
        .contains("Embudo de leads");
    // captured 3 → warm/hot 2 → handed 1; scores 12, 45, 72 in buckets 10–19, 40–49, 70–79
    assertThat(page).contains("&quot;values&quot;:[3,2,1]")
        .contains("&quot;values&quot;:[0,1,0,0,1,0,0,1,0,0]");
    assertThat(section(page, "tasks")).contains("Ventas").doesNotContain("Éxito del cliente");
  }

  @Test
  void supportSeesMailAndAdministratorsSeeEverything() {
    assertThat(loggedInAs("support").get("/staff", "pt-BR").body()).contains("id=\"section-mail\"")
        .contains("E-mails por status").contains("&quot;values&quot;:[5,0,0,0,2,0]")
        .doesNotContain("id=\"section-leads\"");
    String[] admin = admin();
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    client.postForm("/login", Map.of("username", admin[0], "password", admin[1]), client.get("/login").body());
    String page = client.get("/staff", "en").body();
    assertThat(page).contains("id=\"section-onboarding\"", "id=\"section-leads\"", "id=\"section-tasks\"",
        "id=\"section-mail\"", "id=\"section-llm\"");
    // 3 model calls of 1M prompt + 0.5M completion tokens: 3 × (0.15 + 0.30) = US$ 1.35; 1 of 4 by the fallback
    assertThat(section(page, "llm")).contains("US$ 1.35").contains("25 %").contains("&quot;values&quot;:[4]");
  }

  @Test
  void prometheusMetricsAreForAdministratorsOnly() {
    metrics.refresh();
    assertThat(scrape(null, null).statusCode()).isEqualTo(401);
    String sales = StaffDirectory.demoUserId("sales");
    assertThat(scrape(sales, staffDirectory.createdPasswords().get(sales)).statusCode()).isEqualTo(403);
    String[] admin = admin();
    HttpResponse<String> scrape = scrape(admin[0], admin[1]);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("escala_process_instances_started{process=\"dashboard-test\"} 5.0")
        .contains("escala_process_instances_completed{process=\"dashboard-test\"} 5.0")
        .contains("escala_mail_messages{status=\"FAILED\"}")
        .contains("escala_llm_calls{flow=\"onboarding\",generated_by=\"fallback\",task=\"onboarding.welcome\"}")
        .contains("escala_jobs_executed_total{result=\"failed\"}").contains("escala_incidents 0.0")
        .contains("escala_jobs_failing");
  }

  private HttpResponse<String> scrape(String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String section(String page, String id) {
    int start = page.indexOf("id=\"section-" + id + "\"");
    assertThat(start).as("section " + id).isPositive();
    int end = page.indexOf("</section>", start);
    return page.substring(start, end);
  }
}
