package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Course enrollment pages on PostgreSQL (POSTGRES_TEST_URL or Testcontainers). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class EnrollmentPagesPostgresIT extends EnrollmentPagesScenarios {}
