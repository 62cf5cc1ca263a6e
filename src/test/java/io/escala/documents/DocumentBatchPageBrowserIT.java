package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A running batch's page in Chromium on a 390 px phone: nothing scrolls sideways, and the progress figures follow
 * the rows as they finish, through the page's script (CSP {@code script-src 'self'}) polling the progress JSON.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class DocumentBatchPageBrowserIT extends EscalaIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired DocumentTemplates templates;
  @Autowired DocumentBatches batches;
  @Autowired BatchIntake intake;
  @Autowired StaffDirectory staffDirectory;
  @Autowired JdbcClient jdbc;

  private HeadlessChrome chrome;

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @Test
  void theProgressOfARunningBatchFollowsItsRowsOnAPhoneWithoutScrollingSideways() {
    TemplateVersion version = templates.save("telefono-" + UUID.randomUUID().toString().substring(0, 8),
        "Carta", "Hola {{nombre}}, {{llm:intro}}", TemplateVersion.BodyFormat.MARKDOWN,
        List.of(TemplateSection.text("intro", "Saluda a {{nombre}}", 200)), "ana");
    BatchIntake.IntakeReport report = intake.csv(version.id(), "gpt-4o-mini", "ana", new ByteArrayInputStream(
        "nombre\nAna María de los Ángeles Fernández-Villanueva\nBeto\nCarla\n".getBytes(StandardCharsets.UTF_8)),
        Map.of());
    long batchId = report.batchId();
    batches.describe(batchId, new DocumentBatch.Requester("Compras de Cliente Internacional S.A. de C.V.",
        "compras.internacionales.de.cliente@empresa-con-nombre-muy-largo.example", Locale.forLanguageTag("es")),
        DocumentBatch.Mode.STANDARD);
    batches.start(batchId);

    chrome = HeadlessChrome.start("es");
    WebDriver browser = chrome.driver();
    browser.manage().window().setSize(new Dimension(390, 1400));
    browser.get(url("/login"));
    String user = StaffDirectory.demoUserId("documents");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(demoStaffPassword("documents"));
    browser.findElement(By.cssSelector("main form button[type='submit']")).click();
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(url("/staff")));

    browser.get(url("/staff/documents/batches/" + batchId));
    assertThat(browser.findElement(By.cssSelector("[data-field='generated']")).getText()).isEqualTo("0");
    assertThat(browser.findElement(By.cssSelector("[data-field='status']")).getText()).isEqualTo("Generando");
    assertThat(horizontalOverflow(browser)).as("the batch page scrolls sideways at 390 px").isFalse();
    chrome.screenshot("document-batch-390.png");

    jdbc.sql("""
            UPDATE document_row SET status = 'GENERATED', output = 'Hola', checks_passed = TRUE, llm_calls = 1,
                   prompt_tokens = 100, completion_tokens = 50, finished_at = CURRENT_TIMESTAMP
            WHERE batch_id = :b AND line_number IN (2, 3)""")
        .param("b", batchId).update();
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBe(
        By.cssSelector("[data-field='generated']"), "2"));
    assertThat(browser.findElement(By.cssSelector("[data-field='tokens']")).getText()).isEqualTo("300");
    assertThat(browser.findElement(By.cssSelector("progress")).getDomProperty("value")).isEqualTo("66");
    assertThat(horizontalOverflow(browser)).isFalse();
    assertThat(chrome.consoleLog()).as("no CSP refusal or script error").isEmpty();
    chrome.screenshot("document-batch-progress-390.png");
  }

  private boolean horizontalOverflow(WebDriver browser) {
    Object overflow = ((JavascriptExecutor) browser)
        .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    return Boolean.TRUE.equals(overflow);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
