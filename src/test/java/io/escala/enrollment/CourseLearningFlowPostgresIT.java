package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** A learner's course through its case on PostgreSQL (POSTGRES_TEST_URL or Testcontainers). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class CourseLearningFlowPostgresIT extends CourseLearningFlowScenarios {}
