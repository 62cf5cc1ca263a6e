package io.escala.demos;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Demo scheduling end to end on PostgreSQL (POSTGRES_TEST_URL or Testcontainers); CI fails if skipped. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class DemoFlowPostgresIT extends DemoFlowScenarios {}
