package io.escala.cluster;

import io.escala.support.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * An empty PostgreSQL database of its own for a cluster test, on the server of {@link PostgresTestDatabase}
 * ({@code POSTGRES_TEST_URL} or Testcontainers): the suite's shared database already has a schema, and the point
 * here is nodes meeting an empty one. Dropped when the JVM ends.
 */
final class ClusterDatabase {

  private ClusterDatabase() {}

  static PostgresTestDatabase.Database fresh() {
    PostgresTestDatabase.Database server = PostgresTestDatabase.get();
    String name = "escala_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
        .toLowerCase(Locale.ROOT);
    try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a test database on " + server.url(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException ignored) {
        // best effort: a left-over test database does no harm
      }
    }));
    return new PostgresTestDatabase.Database(withDatabase(server.url(), name), server.username(), server.password());
  }

  static Connection connect(PostgresTestDatabase.Database database) throws SQLException {
    Properties properties = new Properties();
    if (database.username() != null) {
      properties.setProperty("user", database.username());
      properties.setProperty("password", database.password());
    }
    return DriverManager.getConnection(database.url(), properties);
  }

  /** jdbc:postgresql://host:port/db?user=x → jdbc:postgresql://host:port/NAME?user=x */
  static String withDatabase(String url, String database) {
    int hostStart = url.indexOf("//") + 2;
    int slash = url.indexOf('/', hostStart);
    int query = url.indexOf('?', hostStart);
    String head = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    String tail = query < 0 ? "" : url.substring(query);
    return head + "/" + database + tail;
  }
}
