package io.escala.support;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database with Escala's Flyway migrations applied, for tests of one module without the whole application: a
 * private in-memory H2, or the PostgreSQL test server ({@link PostgresTestDatabase}). A new connection per use (no
 * single shared one), so REQUIRES_NEW transactions, savepoints and row locks behave as with the application's pool.
 */
public final class MigratedTestDatabase {

  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final DataSourceTransactionManager transactionManager;
  private final boolean inMemory;

  private MigratedTestDatabase(DriverManagerDataSource dataSource, boolean inMemory) {
    this.dataSource = dataSource;
    this.inMemory = inMemory;
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .table("escala_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
  }

  /** @param name tells the databases of parallel tests apart in logs */
  public static MigratedTestDatabase h2(String name) {
    return new MigratedTestDatabase(new DriverManagerDataSource(
        "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""), true);
  }

  /** The server's database is shared by the JVM: tests keep apart by unique keys. */
  public static MigratedTestDatabase postgres() {
    PostgresTestDatabase.Database server = PostgresTestDatabase.get();
    DriverManagerDataSource dataSource = new DriverManagerDataSource(server.url());
    if (server.username() != null) {
      dataSource.setUsername(server.username());
      dataSource.setPassword(server.password());
    }
    return new MigratedTestDatabase(dataSource, false);
  }

  public TransactionTemplate transaction() {
    return new TransactionTemplate(transactionManager);
  }

  public long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  public long count(String table, String leadKey) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE lead_key = :leadKey").param("leadKey", leadKey)
        .query(Long.class).single();
  }

  /** Drops an in-memory database; leaves the shared PostgreSQL one alone. */
  public void close() {
    if (inMemory) {
      jdbc.sql("SHUTDOWN").update();
    }
  }

  public void drop() {
    close();
  }
}
