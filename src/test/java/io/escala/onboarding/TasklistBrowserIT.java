package io.escala.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import io.escala.support.Mails;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What staff and customers see in a real browser (headless Chromium): a customer-success user works the
 * "Call customer" task in Camunda Tasklist through its Camunda Form, and the public signup page answers an empty
 * submission in the visitor's language. Skipped where Chromium and ChromeDriver are not installed.
 */
@EnabledIf(value = "io.escala.support.HeadlessChrome#available",
    disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver")
class TasklistBrowserIT extends EscalaIntegrationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired JdbcClient jdbc;
  @Autowired StaffDirectory staffDirectory;

  private HeadlessChrome chrome;
  private WebDriver browser;
  private WebDriverWait wait;

  @BeforeEach
  void openBrowser() {
    chrome = HeadlessChrome.start();
    browser = chrome.driver();
    wait = new WebDriverWait(browser, WAIT);
  }

  @AfterEach
  void closeBrowser() {
    if (chrome != null) {
      chrome.closeAfterTest();
    }
  }

  @Test
  void successUserCompletesTheCallTaskInTasklistAndTheProcessFollowsTheOutcome() {
    String email = "marta-" + UUID.randomUUID().toString().substring(0, 8) + "@cliente.example";
    ProcessInstance pi = stalledCase(email, "Marta Quintero");
    Task call = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(call.getTaskDefinitionKey()).isEqualTo("CallCustomer");

    String user = StaffDirectory.demoUserId("success");
    loginToTasklist(user);
    WebElement taskLink = openFromFilter("Customer success", call.getId());
    assertThat(taskLink.getText()).contains("Call customer about stalled setup");
    taskLink.click();

    // Claim it: Tasklist enables the form for the assignee only.
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(d -> taskService.createTaskQuery().taskId(call.getId()).taskAssignee(user).count() == 1);

    // The Camunda Form, rendered by form-js with the case data.
    WebElement outcomeClose = wait.until(ExpectedConditions.elementToBeClickable(radioLabelled(
        "Cerrar el onboarding")));
    assertThat(fieldValue("Cliente")).isEqualTo("Marta Quintero");
    assertThat(fieldValue("Empresa")).isEqualTo("Academia Nova");
    assertThat(fieldValue("Resumen (IA)")).isEqualTo("Quiere vender cursos; se detuvo en los pagos.");
    assertThat(fieldValue("Pasos pendientes")).contains("Conectar los pagos");
    assertThat(fieldValue("Resumen generado por")).isEqualTo("llm");
    assertThat(fieldValue("Sugerencia")).isEqualTo("extend");
    assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
        .contains("Llamada de onboarding")
        .contains("Resultado de la llamada");

    outcomeClose.click();
    WebElement notes = field("Notas de la llamada");
    notes.sendKeys("Prefiere pausar; vuelve el próximo trimestre.");
    assertThat(radioInput("Cerrar el onboarding").isSelected()).isTrue();
    scrollIntoView(browser.findElement(By.cssSelector(".fjs-container")));
    chrome.screenshot("tasklist-form.png");

    WebElement complete = browser.findElement(By.cssSelector("button.btn-primary[ng-click='complete()']"));
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    scrollIntoView(complete);
    complete.click();
    wait.until(d -> taskService.createTaskQuery().taskId(call.getId()).count() == 0);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("callOutcome").singleResult().getValue()).isEqualTo("close");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("callNotes").singleResult().getValue()).isEqualTo("Prefiere pausar; vuelve el próximo trimestre.");

    runDueJobs();
    HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(pi.getId()).singleResult();
    assertThat(finished.getEndTime()).as("case ended").isNotNull();
    assertThat(finished.getEndActivityId()).isEqualTo("OnboardingClosed");
    assertThat(passed(pi)).contains("CallCustomer", "LogCallInCrm", "CloseOnboarding", "OnboardingClosed")
        .doesNotContain("HandOverToSales");
    assertThat(historyService.createHistoricTaskInstanceQuery().taskId(call.getId()).singleResult().getAssignee())
        .isEqualTo(user);
  }

  @Autowired io.escala.platform.WebhookSignature webhookSignature;

  @Test
  void salesOwnerQualifiesAHotLeadWithTheScoreReasonsOnTheForm() throws Exception {
    String email = "hot-" + UUID.randomUUID().toString().substring(0, 8) + "@lead.example";
    HttpResponse<String> accepted = http.postSignedJson("/leads/webhook", """
        {"name":"Rafael Torres","email":"%s","company":"Torres Edu","interest":"marketing-automation",
         "role":"founder","companySize":"51-200","country":"CO","budgetRange":"20k+","consentEmail":true,
         "consentPhone":true,"consentText":"Acepto correos y llamadas.","language":"es","source":"typeform",
         "need":"Necesitamos automatizar campañas para 12 sedes."}""".formatted(email), webhookSignature);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    runDueJobs();
    Task qualify = taskService.createTaskQuery().processInstanceBusinessKey(email).singleResult();
    assertThat(qualify.getTaskDefinitionKey()).isEqualTo("QualifyLead");
    String owner = qualify.getAssignee();

    loginToTasklist(owner);
    WebElement taskLink = openFromFilter("Sales", qualify.getId());
    // The task list says whose lead it is.
    assertThat(taskLink.getText()).contains("Qualify lead: Rafael Torres · Torres Edu");
    taskLink.click();
    WebElement qualified = wait.until(ExpectedConditions.elementToBeClickable(radioLabelled(
        "Calificado: crear oportunidad")));
    assertThat(fieldValue("Lead")).isEqualTo("Rafael Torres");
    assertThat(fieldValue("Empresa")).isEqualTo("Torres Edu");
    assertThat(fieldValue("Razones del puntaje"))
        .contains("+15 decide la compra (fundación o dirección)").contains("+10 mercado prioritario en América Latina");
    assertThat(fieldValue("Historial del puntaje")).contains("caliente");
    assertThat(fieldValue("Necesidad (resumen IA)")).isNotBlank();
    qualified.click();
    field("Notas").sendKeys("Demo agendada para el martes.");
    scrollIntoView(browser.findElement(By.cssSelector(".fjs-container")));
    chrome.screenshot("tasklist-lead-qualify.png");
    WebElement complete = browser.findElement(By.cssSelector("button.btn-primary[ng-click='complete()']"));
    wait.until(ExpectedConditions.elementToBeClickable(complete));
    scrollIntoView(complete);
    complete.click();
    wait.until(d -> taskService.createTaskQuery().taskId(qualify.getId()).count() == 0);

    runDueJobs();
    HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(email).singleResult();
    assertThat(finished.getEndActivityId()).isEqualTo("HandedToSales");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_activity a JOIN crm_contact c ON a.contact_id = c.id"
        + " WHERE c.email = :e AND a.text LIKE '%qualified%'").param("e", email).query(Integer.class).single())
        .isEqualTo(1);
  }

  private void loginToTasklist(String user) {
    browser.get(url("/camunda/app/tasklist/"));
    WebElement username = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model='username']")));
    username.sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']"))
        .sendKeys(staffDirectory.createdPasswords().get(user));
    browser.findElement(By.cssSelector("form button[type='submit']")).click();
  }

  /** The group's Tasklist filter, then the task's link in its list. */
  private WebElement openFromFilter(String filterName, String taskId) {
    WebElement filter = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[starts-with(normalize-space(.),'"
            + filterName + "')]")));
    filter.click();
    return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("li a[href*='task=" + taskId + "']")));
  }

  @Test
  void signupPageShowsPortugueseValidationMessagesInTheBrowser() {
    browser.get(url("/signup?lang=pt-BR"));
    WebElement submit = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("main form button[type='submit']")));
    WebElement csrf = browser.findElement(By.cssSelector("main form input[type='hidden'][name='_csrf']"));
    assertThat(csrf.getAttribute("value")).isNotBlank();
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pt-BR");

    submit.click();
    WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error-summary")));
    assertThat(summary.getAttribute("role")).isEqualTo("alert");
    assertThat(summary.getText()).contains("Informe seu nome.").contains("Informe seu e-mail.");
    assertThat(browser.findElement(By.id("name-error")).getText()).isEqualTo("Informe seu nome.");
    assertThat(browser.findElement(By.id("name")).getAttribute("aria-invalid")).isEqualTo("true");
    // The answered page carries a fresh token, so a corrected submission goes through.
    assertThat(browser.findElement(By.cssSelector("main form input[type='hidden'][name='_csrf']"))
        .getAttribute("value")).isNotBlank();
    chrome.screenshot("signup-pt.png");
  }

  // --- the case, driven as OnboardingScenarios does -------------------------------------------------------------

  private ProcessInstance stalledCase(String email, String name) {
    HttpResponse<String> page = http.get("/signup?lang=es");
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("email", email);
    fields.put("company", "Academia Nova");
    fields.put("country", "MX");
    fields.put("product", "course-platform");
    fields.put("plan", "growth");
    fields.put("goals", "Vender cursos de IA");
    fields.put("consent", "true");
    fields.put("website", "");
    assertThat(http.postForm("/signup", fields, page.body()).statusCode()).isEqualTo(302);
    runDueJobs();
    assertThat(http.confirm(Mails.link(Mails.to(email).get(0), "/onboarding/verify"), "es", "/onboarding/verify")
        .statusCode()).isEqualTo(200);
    runDueJobs();
    String signupId = jdbc.sql("SELECT id FROM onboarding_signup WHERE email = :e").param("e", email)
        .query(String.class).single();
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(signupId)
        .singleResult();
    moveClock(Duration.ofDays(1).plusMinutes(5));
    runDueJobs();
    for (int days : new int[] {2, 4, 8}) {
      moveClock(Duration.ofDays(days));
      runDueJobs();
    }
    return pi;
  }

  private List<String> passed(ProcessInstance pi) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).finished().list()
        .stream().map(HistoricActivityInstance::getActivityId).toList();
  }

  // --- form-js markup: a field is found by its label, as a user finds it ----------------------------------------

  private By radioLabelled(String label) {
    return By.xpath("//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space(.)='" + label + "']");
  }

  private WebElement radioInput(String label) {
    WebElement labelElement = browser.findElement(radioLabelled(label));
    String forId = labelElement.getAttribute("for");
    return forId == null || forId.isBlank()
        ? labelElement.findElement(By.xpath(".//input[@type='radio'] | preceding-sibling::input[@type='radio']"))
        : browser.findElement(By.id(forId));
  }

  private WebElement field(String label) {
    WebElement labelElement = browser.findElement(By.xpath(
        "//div[contains(@class,'fjs-form-field')]/label[normalize-space(.)='" + label + "']"));
    return browser.findElement(By.id(labelElement.getAttribute("for")));
  }

  private String fieldValue(String label) {
    return field(label).getDomProperty("value");
  }

  private void scrollIntoView(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'});", element);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
