package io.escala.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.EscalaHttpClient;
import io.escala.support.Mails;
import io.escala.support.PostgresTestDatabase;
import io.escala.support.TestMailServer;
import io.escala.support.TestOpenAi;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two Escala nodes, each a process of its own, on one PostgreSQL database, with the job executor on in both, SMTP to
 * GreenMail (behind a relay that makes each e-mail take about a second) and the LLM on WireMock.
 *
 * <ol>
 *   <li>Both start at the same moment on an empty database: both come up, and the schema, the administrator, the
 *       staff groups with their Tasklist filters and the deployment exist once.
 *   <li>Signups are posted to both; node A is killed (SIGKILL) while it holds jobs. Node B completes every case
 *       exactly once: one verification e-mail per person as the receiver counts it (every copy carries one
 *       Message-ID), every case waits for verification, and after the confirmations every case passes its welcome
 *       steps once.
 * </ol>
 *
 * Job locks last 10 s here (5 minutes in production), the e-mail sending lease 5 s, so that the survivor takes a dead
 * node's jobs over within seconds.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesPostgresIT {

  private static final int SIGNUPS = 30;
  private static final String PUBLIC_URL = "https://escala.example";
  private static final Path WORK = Path.of("target", "cluster-it");
  private static final Duration JOB_LOCK = Duration.ofSeconds(10);

  private PostgresTestDatabase.Database database;
  private JdbcClient jdbc;
  private SingleConnectionDataSource testConnection;
  private SlowSmtpRelay smtp;
  private EscalaNode nodeA;
  private EscalaNode nodeB;
  private long startupMillis;

  @BeforeAll
  void startTwoNodesAtOnceOnAnEmptyDatabase() throws IOException {
    database = ClusterDatabase.fresh();
    // One connection for the test's own queries: the server's connections are shared with the nodes and other suites.
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(database.url(), true);
    if (database.username() != null) {
      dataSource.setUsername(database.username());
      dataSource.setPassword(database.password());
    }
    testConnection = dataSource;
    jdbc = JdbcClient.create(dataSource);
    TestMailServer.start();
    smtp = new SlowSmtpRelay(TestMailServer.port(), Duration.ofMillis(150));
    stubLanguageModel();

    long started = System.nanoTime();
    nodeA = EscalaNode.start("node-a", WORK, nodeArguments());
    nodeB = EscalaNode.start("node-b", WORK, nodeArguments());
    nodeA.awaitReady(Duration.ofMinutes(4));
    nodeB.awaitReady(Duration.ofMinutes(4));
    startupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  @AfterAll
  void stopNodes() throws IOException {
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (smtp != null) {
      smtp.close();
    }
    if (testConnection != null) {
      testConnection.destroy();
    }
  }

  private List<String> nodeArguments() {
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + (database.username() == null ? "" : database.username()),
        "--spring.datasource.password=" + (database.password() == null ? "" : database.password()),
        // small pools: the PostgreSQL server's connections are shared with the rest of the suite
        "--spring.datasource.hikari.maximum-pool-size=8",
        "--spring.datasource.hikari.minimum-idle=1",
        "--camunda.bpm.job-execution.max-pool-size=3",
        "--escala.public-url=" + PUBLIC_URL,
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtp.port(),
        // one attempt at most 1 + 1.5 + 1.5 = 4 s < 5 s lease < 10 s job lock (checked by the mail module)
        "--spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "--spring.mail.properties.mail.smtp.timeout=1500",
        "--spring.mail.properties.mail.smtp.writetimeout=1500",
        "--escala.mail.sending-lease=PT5S",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + JOB_LOCK.toMillis(),
        // an idle node looks for due jobs (and for jobs whose lock ran out) at least every 2 s
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--camunda.bpm.job-execution.max-wait=2000",
        "--escala.llm.api-key=sk-test",
        "--escala.llm.base-url=" + TestOpenAi.baseUrl(),
        "--escala.llm.timeout=PT5S",
        "--escala.llm.max-retries=0",
        "--escala.security.public-form-rate-limit.requests-per-minute=10000"));
    return arguments;
  }

  @Test
  @Order(1)
  void bothNodesStartTogetherOnAnEmptyDatabaseAndSeedEverythingOnce() {
    assertThat(nodeA.log() + nodeB.log())
        .as("the nodes really started together: one waited for the other's start-up lock")
        .contains("Another Escala node is starting on this database");

    List<Map<String, Object>> workflowGroups = jdbc.sql(
        "SELECT id_, name_ FROM act_id_group WHERE type_ = 'WORKFLOW' ORDER BY id_").query().listOfRows();
    assertThat(workflowGroups).as("staff groups").isNotEmpty();
    Map<String, Long> filtersByName = jdbc.sql("SELECT name_, COUNT(*) FROM act_ru_filter GROUP BY name_")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    for (Map<String, Object> group : workflowGroups) {
      assertThat(filtersByName.get((String) group.get("name_")))
          .as("Tasklist filters of group %s", group.get("id_")).isEqualTo(1L);
    }
    assertThat(filtersByName).as("every filter once, the starter's 'All tasks' included")
        .containsEntry("All tasks", 1L).allSatisfy((name, count) -> assertThat(count).as(name).isOne());
    assertThat(count("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'admin'")).as("administrator").isOne();
    assertThat(count("SELECT COUNT(*) FROM act_id_membership WHERE user_id_ = 'admin' AND group_id_ = 'camunda-admin'"))
        .isOne();
    assertThat(count("SELECT COUNT(*) FROM act_id_user WHERE id_ LIKE 'demo-%'")).as("one demo user per group")
        .isEqualTo(workflowGroups.size());
    assertThat(count("SELECT COUNT(*) FROM act_re_deployment WHERE name_ = 'escala'")).as("deployments").isOne();
    assertThat(count("SELECT COUNT(*) FROM escala_schema_history WHERE NOT success")).isZero();
  }

  @Test
  @Order(2)
  void whenANodeIsKilledMidBatchTheOtherCompletesEveryCaseExactlyOnce() throws Exception {
    long started = System.nanoTime();
    EscalaHttpClient toA = new EscalaHttpClient(nodeA.baseUrl());
    EscalaHttpClient toB = new EscalaHttpClient(nodeB.baseUrl());
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < SIGNUPS; i++) {
      String email = "nodo-" + run + "-" + i + "@cliente.example";
      emails.add(email);
      HttpResponse<String> sent = signUp(i % 2 == 0 ? toA : toB, email, i);
      assertThat(sent.statusCode()).as("signup %s on %s", i, i % 2 == 0 ? "A" : "B").isEqualTo(302);
    }

    // Kill node A while it is in the middle of its jobs.
    await("node A holds jobs", Duration.ofSeconds(30), () -> lockedBy("node-a/") > 0, this::jobsTable);
    List<String> heldByA = jdbc.sql("SELECT id_ FROM act_ru_job WHERE lock_owner_ LIKE 'node-a/%'")
        .query(String.class).list();
    long sendingAtKill = count("SELECT COUNT(*) FROM mail_message WHERE status = 'SENDING'");
    nodeA.kill();
    assertThat(nodeA.isAlive()).isFalse();
    long killedAt = System.nanoTime();

    List<String> cases = emails.stream().map(this::caseOf).toList();
    await("every case waits for its verification", Duration.ofSeconds(90),
        () -> cases.stream().allMatch(c -> activityInstances(c, "WaitForEmailVerification", false) >= 1)
            && emails.stream().allMatch(e -> !mailsWithLink(e, "/onboarding/verify").isEmpty()),
        this::jobsTable);
    long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

    int duplicateVerifications = 0;
    for (int i = 0; i < SIGNUPS; i++) {
      List<MimeMessage> copies = mailsWithLink(emails.get(i), "/onboarding/verify");
      assertThat(messageIds(copies)).as("Message-IDs of the verification e-mails to %s", emails.get(i)).hasSize(1);
      duplicateVerifications += copies.size() - 1;
      assertThat(historicCases(emails.get(i))).as("cases of %s", emails.get(i)).isOne();
      assertThat(activityInstances(cases.get(i), "WaitForEmailVerification", false))
          .as("%s reached the wait once", emails.get(i)).isOne();
    }
    assertThat(heldByA).as("jobs node A held when it was killed").isNotEmpty();
    assertThat(heldByA).as("node A's jobs were done by node B")
        .allSatisfy(job -> assertThat(count("SELECT COUNT(*) FROM act_ru_job WHERE id_ = '" + job + "'")).isZero());

    // Every person confirms; the link names the public address, which the test (as a load balancer) sends to B.
    EscalaHttpClient person = new EscalaHttpClient(nodeB.baseUrl());
    for (String email : emails) {
      String link = Mails.link(mailsWithLink(email, "/onboarding/verify").get(0), "/onboarding/verify");
      assertThat(link).startsWith(PUBLIC_URL + "/onboarding/verify?token=");
      HttpResponse<String> confirmed = person.confirm(nodeB.baseUrl() + link.substring(PUBLIC_URL.length()), "es",
          "/onboarding/verify");
      assertThat(confirmed.statusCode()).as("confirmation of %s", email).isEqualTo(200);
    }
    await("every case welcomed", Duration.ofSeconds(90),
        () -> cases.stream().allMatch(c -> activityInstances(c, "SendWelcomeEmail", true) >= 1)
            && emails.stream().allMatch(e -> !mailsWithLink(e, "/onboarding/progress").isEmpty()),
        this::jobsTable);

    int duplicateWelcomes = 0;
    for (int i = 0; i < SIGNUPS; i++) {
      assertThat(activityInstances(cases.get(i), "CreateCustomerInCrm", true))
          .as("CreateCustomerInCrm of %s", emails.get(i)).isOne();
      assertThat(activityInstances(cases.get(i), "SendWelcomeEmail", true)).isOne();
      List<MimeMessage> welcomes = mailsWithLink(emails.get(i), "/onboarding/progress");
      assertThat(messageIds(welcomes)).as("Message-IDs of the welcome e-mails to %s", emails.get(i)).hasSize(1);
      duplicateWelcomes += welcomes.size() - 1;
    }
    assertThat(count("SELECT COUNT(*) FROM act_ru_incident")).as("incidents").isZero();
    assertThat(count("SELECT COUNT(*) FROM crm_contact WHERE email LIKE 'nodo-" + run + "-%'"))
        .as("CRM contacts").isEqualTo(SIGNUPS);
    long recovered = count("SELECT COUNT(*) FROM mail_message WHERE recovered_at IS NOT NULL");

    String figures = String.format(
        "two-node run: start-up of both nodes %d ms; %d signups, node A killed holding %d job(s), %d e-mail(s)"
            + " SENDING on both nodes; node B had every case waiting for verification %d ms after the kill; duplicate copies"
            + " received: %d verification, %d welcome (same Message-ID); e-mails taken over after the lease: %d;"
            + " scenario %d ms%n",
        startupMillis, SIGNUPS, heldByA.size(), sendingAtKill, takeoverMillis, duplicateVerifications,
        duplicateWelcomes, recovered, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    System.out.print(figures);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("figures.txt"), figures, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private HttpResponse<String> signUp(EscalaHttpClient http, String email, int i) {
    HttpResponse<String> page = http.get("/signup?lang=es");
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "Nodo Prueba " + i);
    fields.put("email", email);
    fields.put("company", "Academia Nova");
    fields.put("country", "MX");
    fields.put("product", "course-platform");
    fields.put("plan", "growth");
    fields.put("goals", "Vender cursos de IA");
    fields.put("consent", "true");
    fields.put("website", "");
    return http.postForm("/signup", fields, page.body());
  }

  private String caseOf(String email) {
    return jdbc.sql("SELECT id FROM onboarding_signup WHERE email = :e").param("e", email).query(String.class)
        .single();
  }

  private long historicCases(String email) {
    return count("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ = '" + caseOf(email) + "'");
  }

  private long activityInstances(String businessKey, String activityId, boolean finished) {
    return jdbc.sql("SELECT COUNT(*) FROM act_hi_actinst a JOIN act_hi_procinst p ON a.proc_inst_id_ = p.id_"
            + " WHERE p.business_key_ = :key AND a.act_id_ = :activity"
            + (finished ? " AND a.end_time_ IS NOT NULL" : ""))
        .param("key", businessKey).param("activity", activityId).query(Long.class).single();
  }

  private long lockedBy(String ownerPrefix) {
    return jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE lock_owner_ LIKE :owner")
        .param("owner", ownerPrefix + "%").query(Long.class).single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private String jobsTable() {
    return "jobs: " + jdbc.sql("SELECT lock_owner_, retries_, exception_msg_ FROM act_ru_job").query().listOfRows()
        + "\nmail: " + jdbc.sql("SELECT status, COUNT(*) FROM mail_message GROUP BY status").query().listOfRows()
        + "\nnode B:\n" + nodeB.logTail();
  }

  private static List<MimeMessage> mailsWithLink(String email, String path) {
    return Mails.to(email).stream().filter(m -> {
      String text = Mails.text(m);
      return text != null && text.contains(path);
    }).toList();
  }

  private static Set<String> messageIds(List<MimeMessage> messages) {
    Set<String> ids = new TreeSet<>();
    for (MimeMessage message : messages) {
      try {
        ids.add(message.getMessageID());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return ids;
  }

  private static void await(String what, Duration atMost, BooleanSupplier condition, Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + atMost + ": " + what + "\n" + diagnostics.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  private static void stubLanguageModel() {
    TestOpenAi.server().resetAll();
    TestOpenAi.server().stubFor(post(urlEqualTo("/v1/chat/completions"))
        .withRequestBody(containing("customerGoals"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(TestOpenAi.chatCompletion(
                "{\"intro\":\"Con Escala vas a publicar tus cursos de IA en pocas semanas.\","
                    + "\"tips\":[\"Sube primero tu curso estrella.\",\"Conecta los pagos temprano.\"]}"))));
  }
}
