package io.escala.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running application with real protocols: HTTP on a random port, SMTP to GreenMail, the LLM and HubSpot
 * through WireMock. The job executor is off: tests run due jobs themselves ({@link #runDueJobs()}) and move time
 * with {@link ClockUtil}, so every wait is deterministic and nothing sleeps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:escala-it;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "escala.security.link-secret=integration-test-secret",
    "escala.security.public-form-rate-limit.requests-per-minute=10000",
    "escala.llm.api-key=sk-test",
    "escala.leads.webhook-secret=integration-test-webhook-secret",
    "escala.enrollment.progress-secret=integration-test-progress-secret",
    "escala.enrollment.bank-details=Banco de Prueba, cuenta 000-123456-7",
    "escala.llm.max-retries=1",
    // Several cached contexts share the PostgreSQL test server (100 connections): a pool of the application's 30
    // kept full in each left too few for a test that opens 50 at once. Idle connections go back after 10 s.
    "spring.datasource.hikari.minimum-idle=1",
    "spring.datasource.hikari.idle-timeout=10000",
    // The bulk-document worker of every cached context would claim the rows of the documents tests' own workers
    "escala.documents.worker-enabled=false",
    // ... and economy mode would send a RUNNING economy batch a test leaves behind to the shared TestOpenAi
    "escala.documents.economy.enabled=false",
    "escala.llm.timeout=PT5S",
    "spring.mail.properties.mail.smtp.connectiontimeout=2000",
    "spring.mail.properties.mail.smtp.timeout=2000",
    // Spring Boot tests switch metric exporters off; the app's /actuator/prometheus is part of what is tested
    "management.prometheus.metrics.export.enabled=true"
})
public abstract class EscalaIntegrationTest {

  @LocalServerPort
  protected int port;

  @Autowired
  protected ManagementService managementService;

  protected EscalaHttpClient http;

  @DynamicPropertySource
  static void externalServices(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", TestMailServer::port);
    registry.add("escala.llm.base-url", TestOpenAi::baseUrl);
  }

  @Autowired
  protected org.camunda.bpm.engine.ProcessEngine processEngine;

  @Autowired
  private io.escala.platform.StaffDirectory staffDirectory;

  /**
   * Camunda's REST API and webapps find "the default engine" in a static registry, and several cached test contexts
   * (H2, PostgreSQL, HubSpot) live in one JVM: make this test's engine the one they find.
   */
  @BeforeEach
  void makeThisContextsEngineTheDefault() {
    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(processEngine);
  }

  @BeforeEach
  void freshClient() {
    http = new EscalaHttpClient("http://localhost:" + port);
    TestMailServer.start();
    stubLanguageModel();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The default LLM answers: a valid welcome and a valid call brief. Tests add stubs with higher priority. */
  protected void stubLanguageModel() {
    TestOpenAi.server().resetAll();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(10)
        .withRequestBody(containing("customerGoals"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(
                "{\"intro\":\"Con Escala vas a publicar tus cursos de IA en pocas semanas.\","
                    + "\"tips\":[\"Sube primero tu curso estrella.\",\"Conecta los pagos temprano.\"]}"))));
    stubLeadLanguageModel();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
        .withRequestBody(containing("stepsOpen"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(
                "{\"summary\":\"Quiere vender cursos; se detuvo en los pagos.\",\"suggestedOutcome\":\"extend\"}"))));
  }

  /** Adds the lead-nurturing answers: the need analysis, and the pick of a catalog item for the nurture e-mail. */
  protected void stubLeadLanguageModel() {
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
        .withRequestBody(containing("no judgement of the lead"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion("{\"category\":\"ai-courses\",\"urgency\":\"high\","
                + "\"summary\":\"Quiere capacitar a 40 docentes en IA este semestre.\"}"))));
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
        .withRequestBody(containing("nurture sequence"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion("{\"contentId\":\"webinar-ia-en-la-capacitacion-es\","
                + "\"intro\":\"Este webinar muestra cómo otros institutos empezaron con IA en sus clases.\"}"))));
  }

  /** Runs every job that is due now, including the ones those jobs create, until none is left. */
  protected void runDueJobs() {
    java.util.Map<String, Integer> rolledBack = new java.util.HashMap<>();
    for (int round = 0; round < 100; round++) {
      List<Job> due = managementService.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        // An earlier job of this round may have removed it (a timer cancelled by its scope ending).
        if (managementService.createJobQuery().jobId(job.getId()).count() > 0) {
          try {
            managementService.executeJob(job.getId());
          } catch (org.camunda.bpm.engine.OptimisticLockingException concurrent) {
            // As the job executor does: the case moved meanwhile (a message delivered on another thread); the job
            // stays due and runs again in the next round.
          } catch (RuntimeException failed) {
            // A message delivered on another thread (CaseMessages) can end the job's scope while the job runs: the
            // engine then fails on the vanished execution before its optimistic-lock check, and the job is gone,
            // deleted with the scope. The job executor would count a failed attempt; nothing is left to run.
            // Or the database rolled the job back as a deadlock victim (H2 and PostgreSQL say so with SQLSTATE
            // 40001 / 40P01): the job executor retries it, and so does this, a few times.
            if (managementService.createJobQuery().jobId(job.getId()).count() > 0 && deadlockVictim(failed)
                && rolledBack.merge(job.getId(), 1, Integer::sum) <= 3) {
              // the failed attempt moved it to its retry time (R3/PT1M): due again now, its retries as they were
              managementService.setJobRetries(job.getId(), job.getRetries());
              managementService.setJobDuedate(job.getId(), ClockUtil.getCurrentTime());
              continue;
            }
            if (managementService.createJobQuery().jobId(job.getId()).count() > 0) {
              throw new AssertionError("Job " + job.getId() + " of " + job.getProcessDefinitionKey() + " (case "
                  + job.getProcessInstanceId() + ") failed", failed);
            }
          }
        }
      }
    }
    throw new AssertionError("Jobs keep being created: a loop in a diagram?");
  }

  private static boolean deadlockVictim(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
        return true;
      }
    }
    return false;
  }

  protected void moveClock(Duration by) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
  }

  /**
   * A demo staff user's password: the one generated when this context created the user, or, when another test
   * context of this JVM created it first in the shared in-memory database (its password is not known here), a fresh
   * one set now.
   */
  protected String demoStaffPassword(String groupId) {
    String userId = io.escala.platform.StaffDirectory.demoUserId(groupId);
    String created = staffDirectory.createdPasswords().get(userId);
    if (created != null) {
      return created;
    }
    org.camunda.bpm.engine.IdentityService identity = processEngine.getIdentityService();
    org.camunda.bpm.engine.identity.User user = identity.createUserQuery().userId(userId).singleResult();
    String password = "It-" + java.util.UUID.randomUUID().toString().substring(0, 12) + "-Aa1!";
    user.setPassword(password);
    identity.saveUser(user);
    return password;
  }
}
