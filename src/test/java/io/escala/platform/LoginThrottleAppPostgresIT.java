package io.escala.platform;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** The login throttle scenarios on PostgreSQL. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class LoginThrottleAppPostgresIT extends LoginThrottleScenarios {}
