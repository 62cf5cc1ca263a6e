package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.dashboard.DashboardData;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff shell as a person sees it in Chromium: a sales user with a Spanish browser signs in and sees the
 * dashboard with its charts drawn; support opens a verification e-mail in the outbox and follows its link into a
 * new tab, where the confirm button works. Screenshots at 390 px and 1280 px go to target/screenshots.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class StaffShellBrowserIT extends EscalaIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired StaffDirectory staffDirectory;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate jdbcTemplate;

  private HeadlessChrome chrome;

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @Test
  void salesUserSeesTheDashboardWithChartsInSpanish() {
    Instant recent = Instant.now().minus(Duration.ofDays(2));
    new DashboardData(jdbcTemplate).leads(List.of(new DashboardData.Lead(recent, 72, "hot", true),
        new DashboardData.Lead(recent, 45, "warm", false), new DashboardData.Lead(recent, 12, "cold", false)));
    chrome = HeadlessChrome.start("es");
    WebDriver browser = chrome.driver();
    browser.get(url("/login"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Acceso del equipo");
    shootBoth("login");
    signIn(browser, "sales");

    new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#section-leads canvas[data-drawn='true']")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Panel");
    assertThat(browser.findElements(By.cssSelector("canvas[data-drawn='true']"))).hasSizeGreaterThanOrEqualTo(2);
    assertThat(browser.findElement(By.cssSelector(".staff-nav")).getText()).contains("Leads").contains("CRM")
        .doesNotContain("Bandeja de salida");
    shootBoth("dashboard-sales");

    browser.get(url("/staff/leads"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Leads");
    shootBoth("leads");
    WebElement erase = browser.findElement(By.cssSelector("details.confirm summary"));
    assertThat(browser.findElement(By.cssSelector("details.confirm .confirm-step button")).isDisplayed())
        .as("nothing is erased by the first click").isFalse();
    erase.click();
    assertThat(browser.findElement(By.cssSelector("details.confirm .confirm-step button")).getText())
        .isEqualTo("Sí, borrar definitivamente");
    chrome.screenshot("leads-confirm-1280.png");
    assertThat(horizontalOverflow(browser)).as("the page itself never scrolls sideways at 390 px").isFalse();

    browser.get(url("/staff/outbox"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No tienes acceso a esta página");
    shootBoth("403");
    browser.get(url("/no-existe"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Página no encontrada");
    shootBoth("404");
  }

  @Test
  void supportFollowsTheVerificationLinkOfAPreviewedEmailIntoANewTab() {
    String email = "lucia-" + UUID.randomUUID().toString().substring(0, 8) + "@cliente.example";
    signUp(email);
    runDueJobs();
    long mailId = jdbc.sql("SELECT id FROM mail_message WHERE recipient_email = :e AND template = 'onboarding/verify'")
        .param("e", email).query(Long.class).single();

    chrome = HeadlessChrome.start("es");
    WebDriver browser = chrome.driver();
    browser.get(url("/login"));
    signIn(browser, "support");
    browser.get(url("/staff/outbox/" + mailId));
    WebElement frame = new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".mail-preview iframe")));
    assertThat(browser.findElement(By.cssSelector(".mail-preview pre")).getText()).contains("verify");
    shootBoth("outbox-preview");

    String staffTab = browser.getWindowHandle();
    browser.switchTo().frame(frame);
    WebElement link = new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href*='verify']")));
    assertThat(link.getCssValue("background-color")).as("the e-mail's inline style applies")
        .isEqualTo("rgba(29, 78, 216, 1)");
    link.click();
    browser.switchTo().defaultContent();
    new WebDriverWait(browser, WAIT).until(driver -> driver.getWindowHandles().size() == 2);
    Set<String> handles = browser.getWindowHandles();
    handles.remove(staffTab);
    browser.switchTo().window(handles.iterator().next());
    WebElement confirm = new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("main form button[type='submit']")));
    confirm.click();
    new WebDriverWait(browser, WAIT).until(driver -> "VERIFIED".equals(statusOf(email)) || "ACTIVE".equals(
        statusOf(email)));
    assertThat(statusOf(email)).isIn("VERIFIED", "ACTIVE");

    browser.switchTo().window(staffTab);
    browser.navigate().refresh();
    assertThat(browser.findElement(By.cssSelector(".staff-user")).getText()).as("support is still signed in")
        .contains("demo-support");
  }

  private String statusOf(String email) {
    return jdbc.sql("SELECT status FROM onboarding_signup WHERE email = :e").param("e", email).query(String.class)
        .single();
  }

  private void signUp(String email) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "Lucía Pérez");
    fields.put("email", email);
    fields.put("company", "Academia Nova");
    fields.put("country", "MX");
    fields.put("product", "course-platform");
    fields.put("plan", "growth");
    fields.put("goals", "");
    fields.put("consent", "true");
    fields.put("website", "");
    assertThat(client.postForm("/signup", fields, client.get("/signup?lang=es").body()).statusCode()).isEqualTo(302);
  }

  private void signIn(WebDriver browser, String group) {
    String user = StaffDirectory.demoUserId(group);
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(staffDirectory.createdPasswords().get(user));
    browser.findElement(By.cssSelector("main form button[type='submit']")).click();
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(url("/staff")));
  }

  private void shootBoth(String name) {
    WebDriver browser = chrome.driver();
    Dimension original = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(390, 1400));
    chrome.screenshot(name + "-390.png");
    browser.manage().window().setSize(new Dimension(1280, 1400));
    chrome.screenshot(name + "-1280.png");
    browser.manage().window().setSize(new Dimension(390, 1400));
    browser.manage().window().setSize(original);
  }

  private boolean horizontalOverflow(WebDriver browser) {
    browser.manage().window().setSize(new Dimension(390, 1400));
    Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    return Boolean.TRUE.equals(overflow);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
