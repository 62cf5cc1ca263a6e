package io.escala.documents;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Delivery of an approved batch on PostgreSQL (POSTGRES_TEST_URL or Testcontainers). */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class DocumentDeliveryPostgresIT extends DocumentDeliveryScenarios {}
