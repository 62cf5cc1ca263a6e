package io.escala.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time start on a shared PostgreSQL database, so that nodes starting together on an empty
 * database do not race: Camunda creating its schema, the starter creating the administrator and its "All tasks"
 * filter, {@link StaffDirectory} creating groups, authorizations and Tasklist filters (a filter has no unique
 * constraint: two nodes would each create one), {@link EscalaDeployment} deploying.
 *
 * <p>A session-level advisory lock on a connection of its own, taken before the engine builds (plugin
 * {@code preInit}, before the schema check) and released when the application context has been refreshed, or when
 * it is closed after a failed start. A node killed while starting loses its connection, and PostgreSQL releases the
 * lock with it. On any other database (the embedded H2 file, one node by design) this does nothing.
 */
@Component
public class ClusterStartupLock extends AbstractProcessEnginePlugin
    implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware, DisposableBean {

  /** One key for all of Escala's nodes on a database ("escala-startup" in ASCII, as a number). */
  static final long LOCK_KEY = 0x657363616C615354L;

  private static final Logger log = LoggerFactory.getLogger(ClusterStartupLock.class);

  private final DataSource dataSource;
  private final Duration waitAtMost;
  private ApplicationContext context;
  private Connection held;

  public ClusterStartupLock(DataSource dataSource,
      @Value("${escala.cluster.startup-lock-timeout:PT5M}") Duration waitAtMost) {
    this.dataSource = dataSource;
    this.waitAtMost = waitAtMost;
  }

  @Override
  public void setApplicationContext(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  @Override
  public void onApplicationEvent(ContextRefreshedEvent event) {
    if (event.getApplicationContext() == context) {
      release();
    }
  }

  @Override
  public void destroy() {
    release();
  }

  public synchronized void acquire() {
    if (held != null) {
      return;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true);
      if (!tryLock(connection)) {
        log.info("Another Escala node is starting on this database; waiting for it (at most {})", waitAtMost);
        long started = System.nanoTime();
        waitForLock(connection);
        log.info("Start-up lock taken after {} ms", (System.nanoTime() - started) / 1_000_000);
      }
      held = connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      if ("55P03".equals(e.getSQLState())) {
        throw new IllegalStateException("Another Escala node has been starting on this database for more than "
            + waitAtMost + " (escala.cluster.startup-lock-timeout); is one stuck? Its start-up lock is released "
            + "when it finishes starting or its database connection closes.", e);
      }
      throw new IllegalStateException("Cannot take the start-up lock on the database", e);
    }
  }

  public synchronized void release() {
    if (held == null) {
      return;
    }
    Connection connection = held;
    held = null;
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, LOCK_KEY);
      unlock.execute();
    } catch (SQLException e) {
      log.warn("Could not release the start-up lock; it goes with the connection: {}", e.toString());
    } finally {
      closeQuietly(connection);
    }
  }

  public synchronized boolean isHeld() {
    return held != null;
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      try (ResultSet result = lock.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  private void waitForLock(Connection connection) throws SQLException {
    try (Statement settings = connection.createStatement()) {
      // lock_timeout also bounds advisory lock waits; the pool's connection gets the default back below.
      settings.execute("SET lock_timeout = " + Math.max(1, waitAtMost.toMillis()));
    }
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, LOCK_KEY);
      lock.execute();
    } finally {
      try (Statement settings = connection.createStatement()) {
        settings.execute("RESET lock_timeout");
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing a connection we no longer need
    }
  }
}
