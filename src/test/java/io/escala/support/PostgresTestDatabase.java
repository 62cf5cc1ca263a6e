package io.escala.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server for the database suite: {@code POSTGRES_TEST_URL} (a JDBC URL of a server the tests may
 * create databases on, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) or, where Docker runs, a
 * Testcontainers PostgreSQL. Each JVM gets a new, empty database, so Camunda and Flyway start from nothing.
 */
public final class PostgresTestDatabase {

  private static Database database;

  public record Database(String url, String username, String password) {}

  private PostgresTestDatabase() {}

  /** True when a server is configured or Docker can start one. */
  public static boolean available() {
    return configuredUrl() != null || dockerAvailable();
  }

  public static synchronized Database get() {
    if (database == null) {
      database = configuredUrl() != null ? freshDatabaseOn(configuredUrl()) : startContainer();
    }
    return database;
  }

  static String configuredUrl() {
    String url = System.getenv("POSTGRES_TEST_URL");
    if (url == null || url.isBlank()) {
      url = System.getProperty("POSTGRES_TEST_URL");
    }
    return url == null || url.isBlank() || url.startsWith("${") ? null : url;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static Database startContainer() {
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
    container.start();
    return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }

  private static Database freshDatabaseOn(String serverUrl) {
    String name = "escala_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    try (Connection connection = DriverManager.getConnection(serverUrl);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a test database on " + serverUrl, e);
    }
    String url = replaceDatabase(serverUrl, name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(serverUrl, name)));
    return new Database(url, null, null);
  }

  /** jdbc:postgresql://host:port/test?user=x → jdbc:postgresql://host:port/NAME?user=x */
  static String replaceDatabase(String url, String database) {
    int hostStart = url.indexOf("//") + 2;
    int slash = url.indexOf('/', hostStart);
    int query = url.indexOf('?', hostStart);
    String head = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
    String tail = query < 0 ? "" : url.substring(query);
    return head + "/" + database + tail;
  }

  private static void drop(String serverUrl, String name) {
    try (Connection connection = DriverManager.getConnection(serverUrl);
         Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException ignored) {
      // best effort: a left-over test database does no harm
    }
  }
}
