package io.escala.leads;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The storage scenarios on PostgreSQL (server from {@code POSTGRES_TEST_URL}, or Testcontainers where Docker runs):
 * proves the savepoint keeps a job's transaction alive after a duplicate event.
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class LeadScoringStoragePostgresIT extends LeadScoringStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
