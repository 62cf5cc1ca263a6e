package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** The enrollment rush on PostgreSQL, production's database (POSTGRES_TEST_URL or Testcontainers). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class EnrollmentRushPostgresIT extends EnrollmentRushScenarios {}
