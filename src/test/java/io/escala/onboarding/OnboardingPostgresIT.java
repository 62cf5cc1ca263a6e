package io.escala.onboarding;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/**
 * The onboarding scenarios on PostgreSQL: the server from {@code POSTGRES_TEST_URL}, or Testcontainers where Docker
 * runs. Skipped only when neither is there; CI fails on that skip (.ci/run).
 */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class OnboardingPostgresIT extends OnboardingScenarios {}
