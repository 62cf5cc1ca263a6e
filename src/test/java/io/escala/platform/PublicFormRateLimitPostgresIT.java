package io.escala.platform;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The public form limit with its counters on PostgreSQL. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class PublicFormRateLimitPostgresIT extends PublicFormRateLimitTest {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
