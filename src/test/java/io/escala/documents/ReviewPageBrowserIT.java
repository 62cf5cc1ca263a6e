package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The review page as a reviewer uses it on a 390 px phone in Chromium, by keyboard only: approve three documents,
 * reject one with a comment (a rejection without one is refused first), and land on the summary. Screenshots go to
 * target/screenshots.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class ReviewPageBrowserIT extends EscalaIntegrationTest {

  private static final String COMMENT = "Falta mencionar el descuento del 10 % para equipos";

  @Autowired DocumentTemplates templates;
  @Autowired DocumentBatches batches;
  @Autowired SampleReview review;
  @Autowired JdbcClient jdbc;

  private HeadlessChrome chrome;

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @Test
  void aReviewerApprovesThreeAndRejectsOneByKeyboardOnAPhone() {
    long batch = generatedBatch();
    assertThat(review.draw(batch)).isEqualTo(4);

    chrome = HeadlessChrome.start("es");
    WebDriver browser = chrome.driver();
    browser.manage().window().setSize(new Dimension(390, 1400));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://localhost:" + port + "/login");
    browser.findElement(By.id("username")).sendKeys("demo-reviewers");
    browser.findElement(By.id("password")).sendKeys(demoStaffPassword("reviewers"), Keys.ENTER);
    wait.until(ExpectedConditions.urlMatches("/staff$"));

    browser.get("http://localhost:" + port + "/staff/document-review");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Lotes por revisar")
        .contains("0 de 4 decididos");
    browser.findElement(By.cssSelector("a[href$='/staff/document-review/" + batch + "']")).click();
    wait.until(ExpectedConditions.urlContains("/items/1"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Lote " + batch + ": documento 1 de 4");
    assertThat(browser.findElement(By.id("progress-text")).getText()).isEqualTo("0 de 4 decididos");
    assertThat(browser.findElement(By.cssSelector(".review-shortcuts")).getText()).contains("Ctrl + Enter");
    assertThat(browser.findElement(By.id("shortcuts-enabled")).isSelected()).as("the script's on/off switch").isTrue();
    assertThat(overflows(browser)).as("the page never scrolls sideways at 390 px").isFalse();
    assertThat(sideIsBesideTheDocument(browser)).as("one column on a phone").isFalse();
    chrome.screenshot("review-item-390.png");
    browser.manage().window().setSize(new Dimension(1280, 1000));
    assertThat(sideIsBesideTheDocument(browser)).as("the input row beside the document on a wide screen").isTrue();
    chrome.screenshot("review-item-1280.png");
    browser.manage().window().setSize(new Dimension(390, 1400));

    keys(browser, "j");
    wait.until(ExpectedConditions.urlContains("/items/2"));
    keys(browser, "k");
    wait.until(ExpectedConditions.urlContains("/items/1"));

    for (int position = 1; position <= 3; position++) {
      assertThat(browser.findElements(By.cssSelector(".review-body script"))).as("LLM output runs no script")
          .isEmpty();
      keys(browser, "a");
      wait.until(ExpectedConditions.urlContains("/items/" + (position + 1)));
    }
    assertThat(browser.findElement(By.id("progress-text")).getText()).isEqualTo("3 de 4 decididos");

    // r goes to the comment; Ctrl+Enter with nothing written is refused by the server, with the reason
    keys(browser, "r");
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("comment");
    new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-summary")));
    assertThat(browser.findElement(By.cssSelector(".error-summary")).getText())
        .isEqualTo("Para rechazar un documento, escribe en el comentario qué hay que cambiar.");

    keys(browser, "r");
    new Actions(browser).sendKeys(COMMENT).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    wait.until(ExpectedConditions.urlContains("/summary"));
    assertThat(browser.findElement(By.id("progress-text")).getText()).isEqualTo("4 de 4 decididos");
    assertThat(browser.findElement(By.id("rate")).getText()).isEqualTo("25 %");
    assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("La tasa de rechazo supera el máximo");
    assertThat(browser.findElement(By.cssSelector(".review-comment")).getText()).isEqualTo(COMMENT);
    assertThat(browser.findElements(By.cssSelector("input[name='scope']"))).hasSize(2);
    assertThat(overflows(browser)).isFalse();
    chrome.screenshot("review-summary-390.png");

    List<Map<String, Object>> decisions = jdbc.sql("""
            SELECT position, decision, review_comment, reviewer FROM document_review
            WHERE batch_id = :b ORDER BY position""").param("b", batch).query().listOfRows();
    assertThat(decisions).extracting(row -> row.get("DECISION"))
        .containsExactly("APPROVED", "APPROVED", "APPROVED", "REJECTED");
    assertThat(decisions).extracting(row -> row.get("REVIEWER")).containsOnly("demo-reviewers");
    assertThat(decisions.get(3).get("REVIEW_COMMENT")).isEqualTo(COMMENT);
    assertThat(review.progress(batch)).isEqualTo(new SampleReview.Progress(batch, 0, 4, 4, 1, 1));
  }

  private static void keys(WebDriver browser, CharSequence keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  /** Four documents as the worker leaves them, one flagged by the language check; one tries to run a script. */
  private long generatedBatch() {
    long version = templates.save("carta-" + UUID.randomUUID(), "Carta", "# Para {{nombre}}\n\n{{llm:intro}}\n",
        TemplateVersion.BodyFormat.MARKDOWN, List.of(new TemplateSection("intro", "Escribe para {{nombre}}.", 200,
            null, null, "es", List.of(), List.of(), null)), "ana").id();
    long batch = batches.open(version, "gpt-4o-mini", "ana", DocumentBatch.Source.CSV);
    Timestamp now = Timestamp.from(Instant.now());
    for (int line = 1; line <= 4; line++) {
      boolean flagged = line == 2;
      jdbc.sql("""
              INSERT INTO document_row (batch_id, line_number, input_json, status, idempotency_key, output,
                                        check_results, checks_passed, prompt_hash, finished_at)
              VALUES (:b, :line, :input, 'GENERATED', :key, :output, :checks, :passed, :hash, :now)""")
          .param("b", batch).param("line", line + 1)
          .param("input", "{\"nombre\":\"Cliente " + line + "\",\"empresa\":\"Empresa con un nombre bastante largo "
              + line + " S.A. de C.V.\"}")
          .param("key", SampleReview.sha256(batch + "/" + line))
          .param("output", "# Para Cliente " + line + "\n\n" + (flagged ? "Dear customer, welcome." : "Estimado"
              + " cliente, gracias por elegir nuestros cursos.") + "\n\n<script>document.title='pwned'</script>\n")
          .param("checks", flagged
              ? "[{\"check\":\"language\",\"section\":\"intro\",\"reason\":\"written in en, es expected\"}]" : "[]")
          .param("passed", !flagged).param("hash", "h".repeat(64)).param("now", now).update();
    }
    jdbc.sql("UPDATE document_batch SET status = 'GENERATED', rows_total = 4, rows_generated = 4, rows_flagged = 1,"
            + " started_at = :now, finished_at = :now, requester_name = 'Ana Pérez', requester_email ="
            + " 'ana@example.com' WHERE id = :b")
        .param("now", now).param("b", batch).update();
    return batch;
  }

  private static boolean sideIsBesideTheDocument(WebDriver browser) {
    org.openqa.selenium.Rectangle document = browser.findElement(By.cssSelector(".review-document")).getRect();
    org.openqa.selenium.Rectangle side = browser.findElement(By.cssSelector(".review-side")).getRect();
    return side.getX() >= document.getX() + document.getWidth() && side.getY() < document.getY() + document.getHeight();
  }

  private static boolean overflows(WebDriver browser) {
    return Boolean.TRUE.equals(((JavascriptExecutor) browser)
        .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;"));
  }
}
