package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Bank transfers, and payments off, on PostgreSQL (POSTGRES_TEST_URL or Testcontainers); CI fails if skipped. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class CourseTransferPostgresIT extends CourseTransferScenarios {}
