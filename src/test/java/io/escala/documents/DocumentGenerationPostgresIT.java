package io.escala.documents;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same scenarios on PostgreSQL, where SKIP LOCKED and the leases meet production's locking. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class DocumentGenerationPostgresIT extends DocumentGenerationScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
