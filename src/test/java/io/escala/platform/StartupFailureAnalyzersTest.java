package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.escala.EscalaApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The analyzers against the exception chains a real start-up produces: the application is started and fails, and
 * Spring Boot's report must name the setting to fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalyzersTest {

  @Test
  void aClosedDatabasePortNamesTheDatasourceUrl(CapturedOutput output) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/escala?user=escala&password=s3cret";

    Throwable failure = start("--spring.datasource.url=" + url,
        "--spring.datasource.hikari.connection-timeout=250",
        "--spring.datasource.hikari.initialization-fail-timeout=1");

    FailureAnalysis analysis = new StartupFailureAnalyzers.DatabaseUnreachable(environment(
        "spring.datasource.url", url)).analyze(failure);
    assertThat(analysis.getDescription())
        .startsWith("Escala cannot reach its database at jdbc:postgresql://127.0.0.1:" + closedPort + "/escala (")
        .contains("fix SPRING_DATASOURCE_URL").doesNotContain("s3cret").doesNotContain("\n");
    // Spring Boot prints it in its report, the one thing an operator reads.
    assertThat(output).contains("Escala cannot reach its database").contains("SPRING_DATASOURCE_URL")
        .doesNotContain("s3cret");
  }

  @Test
  void aWeakAdminPasswordNamesTheSettingAndThePolicy(CapturedOutput output) {
    Throwable failure = start(
        "--spring.datasource.url=jdbc:h2:mem:weak-admin-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--camunda.bpm.admin-user.password=admin123");

    FailureAnalysis analysis = new StartupFailureAnalyzers.AdminPasswordPolicy(environment(
        "camunda.bpm.admin-user.password", "admin123", "camunda.bpm.admin-user.id", "admin")).analyze(failure);
    assertThat(analysis.getDescription())
        .startsWith("CAMUNDA_BPM_ADMINUSER_PASSWORD does not meet Camunda's password policy (")
        .contains("too short", "no upper-case letter", "no special character", "contains the user id")
        .doesNotContain("admin123").doesNotContain("\n");
    assertThat(output).contains("CAMUNDA_BPM_ADMINUSER_PASSWORD does not meet");
  }

  @Test
  void aMissingSettingNamesItsEnvironmentVariable() {
    Throwable placeholder = catchThrowable(() -> new StandardEnvironment()
        .resolveRequiredPlaceholders("${escala.llm.base-url}"));
    Throwable missing = new IllegalStateException("Failed to create bean",
        new MissingSettingException("escala.crm.hubspot.access-token", "HubSpot needs a private-app token"));

    StartupFailureAnalyzers.MissingSetting analyzer = new StartupFailureAnalyzers.MissingSetting();

    assertThat(analyzer.analyze(placeholder).getDescription())
        .isEqualTo("Missing setting ESCALA_LLM_BASEURL (escala.llm.base-url): escala.llm.base-url is not set and "
            + "has no default.");
    assertThat(analyzer.analyze(missing).getDescription()).isEqualTo("Missing setting ESCALA_CRM_HUBSPOT_ACCESSTOKEN "
        + "(escala.crm.hubspot.access-token): escala.crm.hubspot.access-token is not set: HubSpot needs a "
        + "private-app token.");
    assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
  }

  @Test
  void eachAnalyzerLeavesOtherFailuresToSpringBoot() {
    IllegalStateException other = new IllegalStateException("boom");
    assertThat(new StartupFailureAnalyzers.DatabaseUnreachable(environment()).analyze(other)).isNull();
    assertThat(new StartupFailureAnalyzers.AdminPasswordPolicy(environment()).analyze(other)).isNull();
  }

  /** Starts Escala as {@code java -jar} would, on a free port with the job executor off; returns its failure. */
  private static Throwable start(String... args) {
    SpringApplication app = new SpringApplication(EscalaApplication.class);
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--camunda.bpm.job-execution.enabled=false";
    all[args.length + 1] = "--server.port=0";
    all[args.length + 2] = "--spring.flyway.connect-retries=0";
    Throwable failure = catchThrowable(() -> app.run(all).close());
    assertThat(failure).as("the start-up must fail").isNotNull();
    return failure;
  }

  private static MockEnvironment environment(String... keysAndValues) {
    MockEnvironment environment = new MockEnvironment();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      environment.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return environment;
  }
}
