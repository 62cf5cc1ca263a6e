package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.support.EscalaIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the running application serves to the browser for Camunda's webapps: Escala's config.js, translations and
 * stylesheet take the place of the ones in Camunda's webjar, at the URLs Camunda's pages load them from.
 */
class WebappCustomizationIT extends EscalaIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyWebappLoadsEscalasConfigurationWithSpanishPortugueseAndEnglish(String app) {
    HttpResponse<String> config = http.get("/camunda/app/" + app + "/scripts/config.js");

    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.body())
        .contains("availableLocales: ['es', 'pt', 'en']")
        .contains("fallbackLocale: 'es'")
        .contains("vendor: 'Escala'")
        .contains("csrfCookieName: 'XSRF-TOKEN'");
  }

  @Test
  void tasklistKeepsItsKeyboardShortcuts() {
    assertThat(http.get("/camunda/app/tasklist/scripts/config.js").body())
        .contains("claimTask").contains("ctrl+alt+c").contains("startProcess");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theLoginPageReadsSpanishAndPortuguese(String app) throws Exception {
    JsonNode spanish = locale(app, "es");
    JsonNode portuguese = locale(app, "pt");

    assertThat(spanish.path("labels").path("PAGE_LOGIN_PLEASE_SIGN_IN").asText()).isEqualTo("Inicia sesión");
    assertThat(spanish.path("labels").path("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Iniciar sesión");
    assertThat(portuguese.path("labels").path("PAGE_LOGIN_PLEASE_SIGN_IN").asText()).isEqualTo("Entre na sua conta");
    assertThat(portuguese.path("labels").path("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("Entrar");
  }

  @Test
  void tasklistSpeaksOfReclamarAndAssumir() throws Exception {
    assertThat(locale("tasklist", "es").path("labels").path("CLAIM_TASK").asText()).isEqualTo("Reclamar");
    assertThat(locale("tasklist", "pt").path("labels").path("CLAIM_TASK").asText()).isEqualTo("Assumir");
    assertThat(locale("tasklist", "pt").path("dateLocales").path("months").get(2).asText()).isEqualTo("março");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theStylesheetEveryPageLoadsHidesTheEndOfLifeBannerAndShowsEscalasLogo(String app) {
    HttpResponse<String> start = http.get("/camunda/app/" + app + "/");
    assertThat(start.headers().firstValue("Location")).hasValueSatisfying(location ->
        assertThat(location).endsWith("/camunda/app/" + app + "/default/"));
    HttpResponse<String> page = http.get("/camunda/app/" + app + "/default/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/app/" + app + "/styles/user-styles.css");
    // Camunda's CSP lets the page load stylesheets from its own origin, so the @import below is allowed.
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).containsPattern("style-src[^;]*'self'"));

    HttpResponse<String> userStyles = http.get("/camunda/app/" + app + "/styles/user-styles.css");
    assertThat(userStyles.statusCode()).isEqualTo(200);
    assertThat(userStyles.body()).contains("@import url(\"../../../assets/escala/escala-webapps.css\")");

    HttpResponse<String> escala = http.get("/camunda/assets/escala/escala-webapps.css");
    assertThat(escala.statusCode()).isEqualTo(200);
    assertThat(escala.body().replaceAll("\\s+", " "))
        .contains("[cam-widget-header] .ce-eol-banner { display: none !important; }")
        .contains("url(escala-logo.svg)");

    HttpResponse<String> logo = http.get("/camunda/assets/escala/escala-logo.svg");
    assertThat(logo.statusCode()).isEqualTo(200);
    assertThat(logo.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("image/svg+xml"));
  }

  private JsonNode locale(String app, String lang) throws Exception {
    HttpResponse<String> response = http.get("/camunda/app/" + app + "/locales/" + lang + ".json");
    assertThat(response.statusCode()).as("%s/locales/%s.json", app, lang).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
