package io.escala.llm;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A private in-memory H2 database migrated by Flyway from classpath:db/migration, as the app does at start-up. */
final class LlmTestDatabase implements AutoCloseable {

  final JdbcClient jdbc;
  final DataSourceTransactionManager transactionManager;
  final LlmUsageLog usageLog;

  LlmTestDatabase() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:llmtest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
    usageLog = new LlmUsageLog(jdbc, transactionManager);
  }

  int rowCount() {
    return jdbc.sql("SELECT COUNT(*) FROM llm_usage").query(Integer.class).single();
  }

  @Override
  public void close() {
    jdbc.sql("SHUTDOWN").update();
  }
}
