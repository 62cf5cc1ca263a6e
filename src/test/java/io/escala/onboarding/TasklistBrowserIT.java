package io.escala.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.HeadlessChrome;
import io.escala.support.TasklistPage;
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
  private TasklistPage tasklist;

  @BeforeEach
  void openBrowser() {
    chrome = HeadlessChrome.start();
    browser = chrome.driver();
    wait = new WebDriverWait(browser, WAIT);
    tasklist = new TasklistPage(browser, wait, url(""));
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
    tasklist.login(user, staffDirectory.createdPasswords().get(user));
    WebElement taskLink = tasklist.openFromFilter("Customer success", call.getId());
    assertThat(taskLink.getText()).contains("Call customer about stalled setup");
    taskLink.click();

    // Claim it: Tasklist enables the form for the assignee only.
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(d -> taskService.createTaskQuery().taskId(call.getId()).taskAssignee(user).count() == 1);

    // The Camunda Form, rendered by form-js with the case data.
    WebElement outcomeClose = wait.until(ExpectedConditions.elementToBeClickable(TasklistPage.radioLabelled(
        "Cerrar el onboarding")));
    assertThat(tasklist.fieldValue("Cliente")).isEqualTo("Marta Quintero");
    assertThat(tasklist.fieldValue("Empresa")).isEqualTo("Academia Nova");
    assertThat(tasklist.fieldValue("Resumen (IA)")).isEqualTo("Quiere vender cursos; se detuvo en los pagos.");
    assertThat(tasklist.fieldValue("Pasos pendientes")).contains("Conectar los pagos");
    assertThat(tasklist.fieldValue("Resumen generado por")).isEqualTo("llm");
    assertThat(tasklist.fieldValue("Sugerencia")).isEqualTo("extend");
    assertThat(browser.findElement(By.cssSelector(".fjs-container")).getText())
        .contains("Llamada de onboarding")
        .contains("Resultado de la llamada");

    outcomeClose.click();
    WebElement notes = tasklist.field("Notas de la llamada");
    notes.sendKeys("Prefiere pausar; vuelve el próximo trimestre.");
    assertThat(tasklist.radioInput("Cerrar el onboarding").isSelected()).isTrue();
    tasklist.showForm();
    chrome.screenshot("tasklist-form.png");

    tasklist.complete();
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

    tasklist.login(owner, staffDirectory.createdPasswords().get(owner));
    WebElement taskLink = tasklist.openFromFilter("Sales", qualify.getId());
    // The task list says whose lead it is.
    assertThat(taskLink.getText()).contains("Qualify lead: Rafael Torres · Torres Edu");
    taskLink.click();
    WebElement qualified = wait.until(ExpectedConditions.elementToBeClickable(TasklistPage.radioLabelled(
        "Calificado: crear oportunidad")));
    assertThat(tasklist.fieldValue("Lead")).isEqualTo("Rafael Torres");
    assertThat(tasklist.fieldValue("Empresa")).isEqualTo("Torres Edu");
    assertThat(tasklist.fieldValue("Razones del puntaje"))
        .contains("+15 decide la compra (fundación o dirección)").contains("+10 mercado prioritario en América Latina");
    assertThat(tasklist.fieldValue("Historial del puntaje")).contains("caliente");
    assertThat(tasklist.fieldValue("Necesidad (resumen IA)")).isNotBlank();
    qualified.click();
    tasklist.field("Notas").sendKeys("Demo agendada para el martes.");
    tasklist.showForm();
    chrome.screenshot("tasklist-lead-qualify.png");
    tasklist.complete();
    wait.until(d -> taskService.createTaskQuery().taskId(qualify.getId()).count() == 0);

    runDueJobs();
    HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(email).singleResult();
    assertThat(finished.getEndActivityId()).isEqualTo("HandedToSales");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_activity a JOIN crm_contact c ON a.contact_id = c.id"
        + " WHERE c.email = :e AND a.text LIKE '%qualified%'").param("e", email).query(Integer.class).single())
        .isEqualTo(1);
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

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
