package io.escala.lms;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same behaviour on PostgreSQL, the production database (V32 and the insert-once statements). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class BuiltInLmsPostgresIT extends BuiltInLmsTest {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
