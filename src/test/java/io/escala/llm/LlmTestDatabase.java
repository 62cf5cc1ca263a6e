package io.escala.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A private in-memory H2 database migrated by Flyway from classpath:db/migration, as the app does at start-up. */
final class LlmTestDatabase implements AutoCloseable {

  final JdbcClient jdbc;
  final DataSourceTransactionManager transactionManager;
  final LlmUsageLog usageLog;
  /** The BPMN step the next calls are made from; none until a test sets one. */
  final AtomicReference<CurrentStep.Step> step = new AtomicReference<>();
  final LlmAnswerCache answerCache;

  LlmTestDatabase() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:llmtest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
    usageLog = new LlmUsageLog(jdbc, transactionManager);
    answerCache = new LlmAnswerCache(jdbc, transactionManager, Clock.systemUTC(), Duration.ofDays(7),
        taskId -> Optional.ofNullable(step.get())
            .map(s -> new CurrentStep.Step(s.key() + ":llm:" + taskId, s.processInstanceId())));
  }

  int cachedAnswers() {
    return jdbc.sql("SELECT COUNT(*) FROM llm_answer").query(Integer.class).single();
  }

  int rowCount() {
    return jdbc.sql("SELECT COUNT(*) FROM llm_usage").query(Integer.class).single();
  }

  @Override
  public void close() {
    jdbc.sql("SHUTDOWN").update();
  }
}
