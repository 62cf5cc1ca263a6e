package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import io.escala.support.TasklistPage;
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
  private TasklistPage tasklist;

  @BeforeEach
  void openBrowser() {
    ClockUtil.reset();
    reps.save(reps.defaults(REP));
    chrome = HeadlessChrome.start();
    browser = chrome.driver();
    wait = new WebDriverWait(browser, WAIT);
    tasklist = new TasklistPage(browser, wait, "http://localhost:" + port);
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

    tasklist.login(REP, staffDirectory.createdPasswords().get(REP));
    WebElement taskLink = tasklist.openFromFilter("Sales", outcome.getId());
    assertThat(taskLink.getText()).contains("Record demo outcome: Valentina Ruiz · Colegio Andino");
    taskLink.click();

    WebElement attended = wait.until(ExpectedConditions.elementToBeClickable(TasklistPage.radioLabelled("Asistió")));
    assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
        .contains("Registrar resultado de la demo").contains("Siguiente paso");
    assertThat(tasklist.field("Lead").getDomProperty("value")).isEqualTo("Valentina Ruiz · Colegio Andino");
    assertThat(tasklist.field("Horario (tu zona)").getDomProperty("value")).contains("(GMT-6, Ciudad de México)");
    attended.click();
    tasklist.field("Notas de la demo").sendKeys("Quiere IA para 30 docentes; pide precio por sede.");
    tasklist.choose("Siguiente paso", "Enviar propuesta");
    chrome.screenshot("demo-outcome-form.png");

    tasklist.complete();
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
}
