package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Camunda Tasklist as staff see it in a real browser (headless Chromium): in the browser's language, with Escala's
 * name and logo, and without Camunda's end-of-life banner. Screenshots go to target/screenshots. Skipped where
 * Chromium and ChromeDriver are not installed.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class WebappBrowserIT extends EscalaIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired StaffDirectory staffDirectory;

  private HeadlessChrome chrome;

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      es    | Iniciar sesión | Usuario | Iniciar proceso  | Cerrar sesión | tasklist-es.png
      pt-BR | Entrar         | Usuário | Iniciar processo | Sair          | tasklist-pt.png
      """)
  void staffSeeTasklistInTheirBrowsersLanguageAsEscala(String language, String loginButton, String usernameField,
      String startProcess, String logOut, String screenshot) {
    chrome = HeadlessChrome.start(language);
    WebDriver browser = chrome.driver();
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");

    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    WebElement submit = browser.findElement(By.cssSelector("form button[type='submit']"));
    wait.until(ExpectedConditions.textToBePresentInElement(submit, loginButton));
    assertThat(username.getAttribute("placeholder")).isEqualTo(usernameField);
    assertThat(browser.findElement(By.cssSelector(".form-signin .app-name")).getText()).isEqualTo("Tasklist");
    chrome.screenshot("login-" + screenshot);

    String user = StaffDirectory.demoUserId("success");
    username.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']"))
        .sendKeys(staffDirectory.createdPasswords().get(user));
    submit.click();

    WebElement startProcessLink = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[@cam-widget-header]//a[normalize-space(.)='" + startProcess + "']")));
    assertThat(startProcessLink.isDisplayed()).isTrue();
    WebElement userMenu = browser.findElement(By.cssSelector("[cam-widget-header] .account > a"));
    userMenu.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[@cam-widget-header]//li[contains(@class,'logout')]/a[normalize-space(.)='" + logOut + "']")));

    // Escala's name and logo, not Camunda's.
    assertThat(browser.findElement(By.cssSelector("[cam-widget-header] .brand-name")).getText())
        .isEqualTo("Escala Tasklist");
    assertThat(browser.getTitle()).isEqualTo("Escala Tasklist");
    WebElement logo = browser.findElement(By.cssSelector("[cam-widget-header] .brand-logo"));
    assertThat(logo.getCssValue("background-image")).contains("/camunda/assets/escala/escala-logo.svg");
    assertThat(logo.findElement(By.tagName("svg")).isDisplayed()).as("Camunda's logo").isFalse();

    // The end-of-life banner is in the page (Camunda 7 CE always renders it) but nobody sees it, and the
    // page starts right under the header instead of leaving the banner's strip empty.
    WebElement banner = browser.findElement(By.cssSelector("[cam-widget-header] .ce-eol-banner"));
    assertThat(banner.isDisplayed()).isFalse();
    long headerBottom = bottomOf(browser, "[cam-widget-header]");
    assertThat(topOf(browser, ".page-wrap")).isEqualTo(headerBottom);

    userMenu.click();
    chrome.screenshot(screenshot);
  }

  private static long bottomOf(WebDriver browser, String selector) {
    return ((Number) ((JavascriptExecutor) browser).executeScript(
        "return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().bottom);", selector))
        .longValue();
  }

  private static long topOf(WebDriver browser, String selector) {
    return ((Number) ((JavascriptExecutor) browser).executeScript(
        "return Math.round(document.querySelector(arguments[0]).getBoundingClientRect().top);", selector))
        .longValue();
  }
}
