package io.escala.documents;

import io.escala.support.PostgresInitializer;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.ContextConfiguration;

/** The bulk-document flow end to end on PostgreSQL. */
@EnabledIf("io.escala.support.PostgresTestDatabase#available")
@ContextConfiguration(initializers = PostgresInitializer.class)
class DocumentFlowPostgresIT extends DocumentFlowScenarios {}
