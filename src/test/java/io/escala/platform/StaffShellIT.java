package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff shell over HTTP: Escala's own translated login, one header on every staff page, friendly 403 and 404
 * pages, destructive actions with a confirmation step, the e-mail preview with its own policy, and the operators'
 * metrics behind an administrator login.
 */
class StaffShellIT extends EscalaIntegrationTest {

  @Autowired StaffDirectory staffDirectory;
  @Autowired JdbcClient jdbc;

  EscalaHttpClient loggedInAs(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    String user = StaffDirectory.demoUserId(group);
    var login = client.postForm("/login",
        Map.of("username", user, "password", staffDirectory.createdPasswords().get(user)), client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  @Test
  void theLoginPageIsEscalasOwnInTheVisitorsLanguage() {
    HttpResponse<String> es = http.get("/login", "es-MX,es;q=0.9");
    assertThat(es.statusCode()).isEqualTo(200);
    assertThat(es.body()).contains("lang=\"es\"").contains("Acceso del equipo").contains("Contraseña")
        .contains("name=\"_csrf\"").contains("autocomplete=\"current-password\"").contains("for=\"username\"")
        .doesNotContain("Please sign in");
    assertThat(http.get("/login", "pt-BR").body()).contains("Acesso da equipe").contains("Senha");
    assertThat(http.get("/login?lang=en", "es").body()).contains("Staff sign-in");

    HttpResponse<String> wrong = http.postForm("/login", Map.of("username", "nobody", "password", "wrong"),
        http.get("/login").body());
    assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(http.get("/login?error", "en").body()).contains("Wrong user name or password").contains("role=\"alert\"");
  }

  @Test
  void everyStaffPageHasTheHeaderWithTheUsersPagesLanguageAndSignOut() {
    EscalaHttpClient sales = loggedInAs("sales");
    for (String path : new String[] {"/staff", "/staff/leads", "/staff/crm"}) {
      String page = sales.get(path, "es").body();
      assertThat(page).as(path).contains("class=\"staff-header\"").contains("Sesión de demo-sales")
          .contains("href=\"/staff/leads\"").contains("href=\"/staff/crm\"").doesNotContain("href=\"/staff/outbox\"")
          .contains("?lang=pt-BR").contains("action=\"/logout\"").contains("href=\"/css/staff.css\"");
    }
    EscalaHttpClient support = loggedInAs("support");
    assertThat(support.get("/staff/outbox", "en").body()).contains("href=\"/staff/outbox\" aria-current=\"page\"")
        .contains("Signed in as demo-support");
    EscalaHttpClient success = loggedInAs("success");
    assertThat(success.get("/staff/onboarding/erasure", "pt-BR").body()).contains("Sessão de demo-success")
        .contains("type=\"checkbox\" required").contains("button-danger");
  }

  @Test
  void forbiddenAndUnknownPagesAreFriendlyPagesInTheUsersLanguage() {
    EscalaHttpClient sales = loggedInAs("sales");
    HttpResponse<String> forbidden = sales.get("/staff/outbox", "en");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("html"));
    assertThat(forbidden.body()).contains("You have no access to this page").contains("Back to the dashboard")
        .contains("class=\"staff-header\"");

    HttpResponse<String> unknown = sales.get("/no-such-page", "es");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Página no encontrada").contains("Volver al panel");
    assertThat(sales.get("/staff/undeclared").statusCode()).as("undeclared staff pages stay closed").isEqualTo(403);

    HttpResponse<String> publicUnknown = http.get("/no-such-page", "pt-BR");
    assertThat(publicUnknown.statusCode()).isEqualTo(404);
    assertThat(publicUnknown.body()).contains("Página não encontrada").doesNotContain("staff-header");
    assertThat(http.get("/actuator/env").statusCode()).as("the rest of the actuator stays closed").isNotEqualTo(200);
  }

  @Test
  void erasingALeadTakesASecondConfirmingStep() {
    String page = loggedInAs("sales").get("/staff/leads", "es").body();
    assertThat(page).doesNotContain("style=\"");
    if (page.contains("/staff/leads/erase")) {
      assertThat(page).contains("<details class=\"confirm\">").contains("Sí, borrar definitivamente");
    }
  }

  @Test
  void theEmailPreviewHasItsOwnPolicyRunsNoScriptAndOpensLinksInANewTab() {
    long id = jdbc.sql("""
            INSERT INTO mail_message (idempotency_key, template, recipient_email, locale, subject, body_text,
                                      body_html, status, created_at)
            VALUES (:key, 'onboarding/verify', 'ana@example.com', 'es', 'Confirma', 'Hola Ana',
                    '<!DOCTYPE html><html><head><title>x</title></head><body><p style="color:red">Hola</p>'
                    || '<a href="http://localhost/onboarding/verify?token=t">Confirmar</a></body></html>',
                    'OUTBOX', CURRENT_TIMESTAMP)""")
        .param("key", "preview-" + UUID.randomUUID()).update() > 0
        ? jdbc.sql("SELECT MAX(id) FROM mail_message").query(Long.class).single() : -1;
    EscalaHttpClient support = loggedInAs("support");
    String message = support.get("/staff/outbox/" + id, "es").body();
    assertThat(message).contains("src=\"/staff/outbox/" + id + "/preview\"")
        .contains("sandbox=\"allow-same-origin allow-popups allow-popups-to-escape-sandbox\"")
        .doesNotContain("allow-scripts").contains("Hola Ana").contains("Versión de texto");

    HttpResponse<String> preview = support.get("/staff/outbox/" + id + "/preview");
    assertThat(preview.statusCode()).isEqualTo(200);
    String policy = preview.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).contains("style-src 'unsafe-inline'").contains("default-src 'none'")
        .contains("sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox")
        .doesNotContain("script-src").doesNotContain("allow-scripts");
    assertThat(preview.body()).startsWith("<!DOCTYPE html><html><head><base target=\"_blank\"><title>");
    assertThat(loggedInAs("sales").get("/staff/outbox/" + id + "/preview").statusCode()).isEqualTo(403);

    String staffPolicy = support.get("/staff/outbox").headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(staffPolicy).contains("script-src 'self'").doesNotContain("unsafe-inline");
  }
}
