package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** The learner's side of course enrollment on PostgreSQL (POSTGRES_TEST_URL or Testcontainers). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class CourseLearningPostgresIT extends CourseLearningScenarios {}
