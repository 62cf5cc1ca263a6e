package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rep works "Record demo outcome" in Camunda Tasklist through its Camunda Form, in a real browser (headless
 * Chromium): the form shows the demo, takes the outcome, notes and next step, and the case goes on to draft the
 * follow-up with exactly those values.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class DemoTasklistBrowserIT extends EscalaIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REP = "demo-sales";

  @Autowired DemoBookings bookings;
  @Autowired DemoReps reps;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired StaffDirectory staffDirectory;

  private HeadlessChrome chrome;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    ClockUtil.reset();
    reps.save(reps.defaults(REP));
    chrome = HeadlessChrome.start();
    browser = chrome.driver();
    wait = new WebDriverWait(browser, WAIT);
  }

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
    ClockUtil.reset();
  }

  @Test
  void theRepRecordsTheOutcomeInTasklistAndTheCaseDraftsTheFollowUp() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant start = bookings.slots(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(15))).starts().get(2);
    Booking booking = ((Booked) bookings.book(new NewBooking(UUID.randomUUID().toString(), start,
        "tasklist-" + UUID.randomUUID().toString().substring(0, 8) + "@lead.example", "Valentina Ruiz",
        "Colegio Andino", null, Locale.forLanguageTag("es"), ZoneId.of("America/Bogota"), null, null))).booking();
    runDueJobs();
    // the demo's time passes: reminders, then its end
    for (Job timer = nextTimer(booking); timer != null && !timer.getDuedate().after(Date.from(booking.end()));
        timer = nextTimer(booking)) {
      ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
      runDueJobs();
    }
    Task outcome = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    assertThat(outcome.getTaskDefinitionKey()).isEqualTo("RecordOutcome");

    loginToTasklist(REP);
    WebElement filter = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'Sales')]")));
    filter.click();
    WebElement taskLink = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("li a[href*='task=" + outcome.getId() + "']")));
    assertThat(taskLink.getText()).contains("Record demo outcome: Valentina Ruiz · Colegio Andino");
    taskLink.click();

    WebElement attended = wait.until(ExpectedConditions.elementToBeClickable(radioLabelled("Asistió")));
    assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
        .contains("Registrar resultado de la demo").contains("Siguiente paso");
    assertThat(field("Lead").getDomProperty("value")).isEqualTo("Valentina Ruiz · Colegio Andino");
    assertThat(field("Horario (tu zona)").getDomProperty("value")).contains("(GMT-6, Ciudad de México)");
    attended.click();
    field("Notas de la demo").sendKeys("Quiere IA para 30 docentes; pide precio por sede.");
    chooseInSelect("Siguiente paso", "Enviar propuesta");
    chrome.screenshot("demo-outcome-form.png");

    WebElement complete = browser.findElement(By.cssSelector("button.btn-primary[ng-click='complete()']"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", complete);
    wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
    wait.until(d -> taskService.createTaskQuery().taskId(outcome.getId()).count() == 0);
    runDueJobs();

    Task review = taskService.createTaskQuery().processInstanceBusinessKey(booking.key()).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo("ReviewFollowUp");
    assertThat(taskService.getVariable(review.getId(), "outcome")).isEqualTo("attended");
    assertThat(taskService.getVariable(review.getId(), "nextStep")).isEqualTo("proposal");
    assertThat(taskService.getVariable(review.getId(), "demoNotes"))
        .isEqualTo("Quiere IA para 30 docentes; pide precio por sede.");
    assertThat(bookings.find(booking.key()).orElseThrow().status()).isEqualTo(Booking.Status.ATTENDED);
  }

  private Job nextTimer(Booking booking) {
    String caseId = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(booking.key())
        .singleResult().getId();
    return managementService.createJobQuery().processInstanceId(caseId).timers().orderByJobDuedate().asc()
        .listPage(0, 1).stream().findFirst().orElse(null);
  }

  private void loginToTasklist(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
        .sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']"))
        .sendKeys(staffDirectory.createdPasswords().get(user));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
  }

  private By radioLabelled(String label) {
    return By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space(.)='" + label + "']");
  }

  private WebElement field(String label) {
    WebElement labelElement = browser.findElement(By.xpath(
        "//div[contains(@class,'fjs-form-field')]/label[normalize-space(.)='" + label + "']"));
    return browser.findElement(By.id(labelElement.getAttribute("for")));
  }

  /** form-js draws its own select: open it, then pick the option by its text. */
  private void chooseInSelect(String label, String option) {
    // a required field's label ends with its marker ("Siguiente paso*")
    WebElement select = browser.findElement(By.xpath("//div[contains(@class,'fjs-form-field-select')][label["
        + "starts-with(normalize-space(.),'" + label + "')]]"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", select);
    select.findElement(By.cssSelector(".fjs-select-display, .fjs-input-group, input")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + option + "']"))).click();
  }
}
