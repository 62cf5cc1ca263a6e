package io.escala.documents;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same scenarios on PostgreSQL, where the batch lease and the row claims meet production's locking. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class EconomyGenerationPostgresIT extends EconomyGenerationScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
