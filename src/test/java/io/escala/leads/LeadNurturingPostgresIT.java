package io.escala.leads;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Lead nurturing on PostgreSQL (POSTGRES_TEST_URL or Testcontainers); CI fails if skipped. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class LeadNurturingPostgresIT extends LeadNurturingScenarios {}
