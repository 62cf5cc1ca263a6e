package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.onboarding.OnboardingProcess;
import io.escala.onboarding.SignupForm;
import io.escala.onboarding.SignupService;
import io.escala.support.PostgresInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Throughput of the onboarding flow on PostgreSQL with the real job executor: how fast signups start cases, and how
 * fast the engine works through the async steps (verification e-mail; then CRM, LLM welcome, welcome e-mail). Mail
 * goes to the outbox and the LLM is the offline fallback, so the figures are Escala + Camunda + PostgreSQL, not
 * remote services. Run with {@code ./mvnw -Pbench verify} (needs POSTGRES_TEST_URL); results in target/bench/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "escala.security.link-secret=bench-secret",
    "escala.security.seed-demo-staff=false",
    "escala.llm.api-key=",
    "spring.mail.host=",
    "logging.level.io.escala=WARN",
    "logging.level.org.camunda=WARN"
})
@ContextConfiguration(initializers = PostgresInitializer.class)
class OnboardingThroughputBench {

  private static final int CASES = Integer.getInteger("bench.cases", 400);
  private static final int THREADS = 8;

  @Autowired SignupService signupService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @org.springframework.beans.factory.annotation.Value("${camunda.bpm.history-level:full}") String historyLevel;
  @org.springframework.beans.factory.annotation.Value(
      "core ${camunda.bpm.job-execution.core-pool-size}, max ${camunda.bpm.job-execution.max-pool-size},"
          + " ${camunda.bpm.job-execution.max-jobs-per-acquisition:3} per acquisition") String jobExecutorSettings;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;

  @Test
  void onboardingThroughput() throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    // Each phase runs alone, so client threads and the job executor do not share the two cores.
    org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor = engineConfiguration.getJobExecutor();
    jobExecutor.shutdown();

    long startBegin = System.nanoTime();
    List<Future<SignupService.Outcome>> starts = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      int n = i;
      starts.add(pool.submit(() -> signupService.signUp(form(run, n), Locale.forLanguageTag("es"), "consent")));
    }
    List<String> businessKeys = new ArrayList<>();
    for (Future<SignupService.Outcome> start : starts) {
      businessKeys.add(start.get().signup().id());
    }
    double startSeconds = seconds(startBegin);

    long verificationBegin = System.nanoTime();
    jobExecutor.start();
    double verificationSeconds = waitUntil(() -> waitingAt("WaitForEmailVerification"), CASES, verificationBegin);
    jobExecutor.shutdown();

    long verifyBegin = System.nanoTime();
    List<Future<?>> verifications = new ArrayList<>();
    for (String businessKey : businessKeys) {
      verifications.add(pool.submit(() -> runtimeService.createMessageCorrelation(OnboardingProcess.EMAIL_VERIFIED)
          .processInstanceBusinessKey(businessKey)
          .setVariable("progressUrl", "http://localhost/onboarding/progress")
          .correlate()));
    }
    for (Future<?> verification : verifications) {
      verification.get();
    }
    double correlationSeconds = seconds(verifyBegin);
    long welcomeBegin = System.nanoTime();
    jobExecutor.start();
    double welcomeSeconds = waitUntil(() -> waitingAt("WaitForSetupStep"), CASES, welcomeBegin);
    pool.shutdown();

    String report = """
        Onboarding throughput on PostgreSQL (%d cases, %d client threads, %d cores; history %s, job executor %s)
        signups started (row + case, one transaction):  %7.1f cases/s   (%.2f s)
        verification e-mail step (job executor):        %7.1f jobs/s    (%.2f s)
        EmailVerified correlated (8 threads):           %7.1f msgs/s    (%.2f s)
        CRM + LLM welcome + welcome e-mail (3 jobs):    %7.1f cases/s = %.1f jobs/s   (%.2f s)
        """.formatted(CASES, THREADS, Runtime.getRuntime().availableProcessors(), historyLevel, jobExecutorSettings,
        CASES / startSeconds, startSeconds, CASES / verificationSeconds, verificationSeconds,
        CASES / correlationSeconds, correlationSeconds,
        CASES / welcomeSeconds, 3 * CASES / welcomeSeconds, welcomeSeconds);
    System.out.println(report);
    Path out = Path.of("target", "bench", "onboarding-throughput.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    assertThat(waitingAt("WaitForSetupStep")).isGreaterThanOrEqualTo(CASES);
  }

  private long waitingAt(String activityId) {
    return runtimeService.createExecutionQuery().processDefinitionKey(OnboardingProcess.KEY).activityId(activityId)
        .count();
  }

  private static double waitUntil(LongSupplier count, int expected, long since) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (count.getAsLong() < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Only " + count.getAsLong() + " of " + expected + " cases arrived in 10 minutes");
      }
      Thread.sleep(100); // a benchmark's poll, not a test's wait
    }
    return seconds(since);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String email(String run, int n) {
    return "bench-" + run + "-" + n + "@bench.example";
  }

  private static SignupForm form(String run, int n) {
    SignupForm form = new SignupForm();
    form.setName("Bench " + n);
    form.setEmail(email(run, n));
    form.setCompany("Bench SA");
    form.setCountry("MX");
    form.setProduct(n % 2 == 0 ? "course-platform" : "document-service");
    form.setPlan("growth");
    form.setGoals("Queremos automatizar la incorporación de clientes.");
    form.setConsent(true);
    return form;
  }

}
