package io.escala.demos;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The booking scenarios on PostgreSQL (server from {@code POSTGRES_TEST_URL}, or Testcontainers where Docker runs):
 * row locks, savepoints after a duplicate key, and parallel bookings as production sees them.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class DemoBookingsStoragePostgresIT extends DemoBookingsStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
