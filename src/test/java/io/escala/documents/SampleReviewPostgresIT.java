package io.escala.documents;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same scenarios on PostgreSQL, where the batch row lock serializes draws, settlements and regenerations. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class SampleReviewPostgresIT extends SampleReviewScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
