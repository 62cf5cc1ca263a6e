package io.escala.certificates;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Certificates on PostgreSQL (POSTGRES_TEST_URL or Testcontainers); CI fails if skipped. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class CertificatesPostgresIT extends CertificateScenarios {}
