package io.escala.crm;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A private in-memory H2 database with Escala's Flyway migrations applied, one per test instance. */
final class CrmTestDatabase {

  final DataSource dataSource;
  final JdbcClient jdbc;
  final DataSourceTransactionManager transactionManager;

  CrmTestDatabase() {
    // a new connection per use (not a single shared one), so REQUIRES_NEW and savepoints behave as in the app
    dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:crmtest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("escala_schema_history")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  void drop() {
    jdbc.sql("SHUTDOWN").update();
  }
}
