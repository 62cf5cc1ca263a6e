package io.escala.enrollment;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** Pix through Mercado Pago on PostgreSQL (POSTGRES_TEST_URL or Testcontainers); CI fails if skipped. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class CoursePaymentsMercadoPagoPostgresIT extends CoursePaymentsMercadoPagoH2IT {}
