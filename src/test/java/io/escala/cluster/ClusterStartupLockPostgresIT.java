package io.escala.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.platform.ClusterStartupLock;
import io.escala.support.PostgresTestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The start-up lock itself: one node at a time on PostgreSQL, a clear failure when the wait is too long. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class ClusterStartupLockPostgresIT {

  private final PostgresTestDatabase.Database database = ClusterDatabase.fresh();

  private DriverManagerDataSource dataSource() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url());
    if (database.username() != null) {
      dataSource.setUsername(database.username());
      dataSource.setPassword(database.password());
    }
    return dataSource;
  }

  @Test
  void aSecondNodeWaitsForTheFirstAndGivesUpWithAClearMessage() {
    ClusterStartupLock first = new ClusterStartupLock(dataSource(), Duration.ofMinutes(1));
    ClusterStartupLock second = new ClusterStartupLock(dataSource(), Duration.ofMillis(500));
    first.acquire();
    assertThat(first.isHeld()).isTrue();

    assertThatThrownBy(second::acquire)
        .hasMessageContaining("Another Escala node has been starting on this database")
        .hasMessageContaining("escala.cluster.startup-lock-timeout");
    assertThat(second.isHeld()).isFalse();

    first.release();
    second.acquire();
    assertThat(second.isHeld()).as("free once the first node has started").isTrue();
    second.release();
  }
}
