package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each staff page opens only for the groups its feature names (and administrators); the staff home lists exactly
 * those pages. The outbox holds customers' private links: support only.
 */
class StaffPageAccessIT extends EscalaIntegrationTest {

  @Autowired StaffDirectory staffDirectory;

  private EscalaHttpClient loggedInAs(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    String user = StaffDirectory.demoUserId(group);
    String password = staffDirectory.createdPasswords().get(user);
    assertThat(password).as("demo user of " + group).isNotNull();
    var login = client.postForm("/login", Map.of("username", user, "password", password),
        client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  @Test
  void eachGroupOpensItsOwnPagesOnly() {
    Map<String, Map<String, Integer>> expected = Map.of(
        "success", Map.of("/staff/onboarding/erasure", 200, "/staff/crm", 200, "/staff/outbox", 403,
            "/staff/leads", 403),
        "sales", Map.of("/staff/leads", 200, "/staff/crm", 200, "/staff/outbox", 403,
            "/staff/onboarding/erasure", 403),
        "sales-managers", Map.of("/staff/leads", 200, "/staff/outbox", 403),
        "support", Map.of("/staff/outbox", 200, "/staff/crm", 403, "/staff/leads", 403,
            "/staff/onboarding/erasure", 403));
    expected.forEach((group, pages) -> {
      EscalaHttpClient client = loggedInAs(group);
      pages.forEach((path, status) ->
          assertThat(client.get(path).statusCode()).as(group + " on " + path).isEqualTo(status));
      assertThat(client.get("/staff/undeclared").statusCode()).as(group + " on an undeclared page").isEqualTo(403);
    });
  }

  @Test
  void theStaffHomeListsThePagesOfTheUsersGroups() {
    String home = loggedInAs("support").get("/staff", "pt-BR").body();
    assertThat(home).contains("href=\"/staff/outbox\"").contains("Caixa de saída")
        .doesNotContain("href=\"/staff/leads\"").doesNotContain("href=\"/staff/crm\"");
    String sales = loggedInAs("sales").get("/staff", "es").body();
    assertThat(sales).contains("href=\"/staff/leads\"").contains("href=\"/staff/crm\"")
        .doesNotContain("href=\"/staff/outbox\"");
  }

  @Test
  void anonymousVisitorsAreSentToTheLogin() {
    var response = http.get("/staff/outbox");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }
}
