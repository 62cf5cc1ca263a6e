package io.escala.enrollment;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The enrollment scenarios on PostgreSQL (server from {@code POSTGRES_TEST_URL}, or Testcontainers where Docker
 * runs): the seat count's check, row locks and SKIP LOCKED as production sees them.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class EnrollmentsStoragePostgresIT extends EnrollmentsStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
