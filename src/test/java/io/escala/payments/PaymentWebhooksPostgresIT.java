package io.escala.payments;

import io.escala.support.MigratedTestDatabase;
import org.junit.jupiter.api.condition.EnabledIf;

/** The same checkouts and notifications on PostgreSQL: row locks, savepoints, the V31 tables. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
class PaymentWebhooksPostgresIT extends PaymentWebhooksTest {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.postgres();
  }
}
