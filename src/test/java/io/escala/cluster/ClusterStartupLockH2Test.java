package io.escala.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.ClusterStartupLock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ClusterStartupLockH2Test {

  @Test
  void theEmbeddedDatabaseIsOneNodeByDesignSoNothingIsLocked() {
    DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:startup-lock;DB_CLOSE_DELAY=-1");
    ClusterStartupLock lock = new ClusterStartupLock(h2, Duration.ofSeconds(1));
    lock.acquire();
    assertThat(lock.isHeld()).isFalse();
    lock.release();
  }
}
