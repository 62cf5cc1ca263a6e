package io.escala.platform;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The throttle's one-statement updates on PostgreSQL. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class LoginThrottlePostgresIT extends LoginThrottleTest {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
