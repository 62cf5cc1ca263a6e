package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.llm.LlmProperties;
import io.escala.platform.ClusterNodeName;
import io.escala.support.MigratedTestDatabase;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The module's beans as the application wires them, without the engine. */
class DocumentsWiringTest {

  private static MigratedTestDatabase database;

  @BeforeAll
  static void database() {
    database = MigratedTestDatabase.h2("documents-wiring");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DocumentsProperties.class)
  static class Properties {}

  private ApplicationContextRunner runner(String apiKey) {
    return new ApplicationContextRunner()
        .withUserConfiguration(Properties.class, DocumentsConfiguration.class, DocumentRows.class,
            DocumentBatches.class, DocumentTemplates.class, DocumentChecks.class, BatchIntake.class)
        .withBean(DataSource.class, () -> database.dataSource)
        .withBean(JdbcClient.class, () -> database.jdbc)
        .withBean(JdbcTemplate.class, () -> new JdbcTemplate(database.dataSource))
        .withBean(PlatformTransactionManager.class, () -> database.transactionManager)
        .withBean(Clock.class, Clock::systemUTC)
        .withBean(ClusterNodeName.class, () -> new ClusterNodeName("node-x"))
        .withBean(LlmProperties.class, () -> new LlmProperties(apiKey, "http://127.0.0.1:9/v1", "gpt-4o-mini",
            Duration.ofSeconds(30), 2, 2, true, Duration.ofDays(7)));
  }

  @Test
  void withoutAnApiKeyTheOfflineModelWritesAndNothingLeavesTheMachine() {
    runner("").withPropertyValues("escala.documents.idle-poll=PT0.05S").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(GenerationWorker.class).isRunning()).isTrue();
      DocumentModel model = context.getBean(DocumentModel.class);
      assertThat(model).isInstanceOf(OfflineDocumentModel.class);
      DocumentModel.Answer answer = model.complete(new DocumentModel.Request("k:saludo", "gpt-4o-mini", "system",
          "Saluda a <data>Ana &amp; Luis</data> de <data>Quito</data>.", 200, "saludo", null));
      assertThat(answer.model()).isEqualTo("offline");
      assertThat(answer.text()).contains("sin un modelo de IA", "«saludo»", "Ana & Luis, Quito");
      assertThat(model.complete(new DocumentModel.Request("k:datos", "gpt-4o-mini", "system", "x", 200, "datos",
          "{\"type\":\"object\"}")).text()).isEqualTo("{}");
      assertThat(context).hasSingleBean(BatchIntake.class);
    });
  }

  @Test
  void withAnApiKeyTheWorkerRunsUnderThisNodesName() {
    runner("sk-test").withPropertyValues("escala.documents.idle-poll=PT0.05S").run(context -> {
      GenerationWorker worker = context.getBean(GenerationWorker.class);
      assertThat(worker.isRunning()).isTrue();
      assertThat(worker.node()).startsWith("node-x/");
      assertThat(context.getBean(DocumentModel.class)).isInstanceOf(OpenAiDocumentModel.class);
    });
  }

  @Test
  void theWorkerCanBeSwitchedOffPerNode() {
    runner("sk-test").withPropertyValues("escala.documents.worker-enabled=false").run(context ->
        assertThat(context.getBean(GenerationWorker.class).isRunning()).isFalse());
  }

  @Test
  void aLeaseShorterThanTwoCallsIsRefusedAtStartup() {
    runner("sk-test").withPropertyValues("escala.documents.lease=PT40S", "escala.documents.llm-timeout=PT30S")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("escala.documents.lease (PT40S) must be at least twice"));
  }
}
