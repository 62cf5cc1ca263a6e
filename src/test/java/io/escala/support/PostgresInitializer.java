package io.escala.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at the PostgreSQL test database (see {@link PostgresTestDatabase}). */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    PostgresTestDatabase.Database database = PostgresTestDatabase.get();
    TestPropertyValues values = TestPropertyValues.of("spring.datasource.url=" + database.url());
    if (database.username() != null) {
      values = values.and("spring.datasource.username=" + database.username(),
          "spring.datasource.password=" + database.password());
    } else {
      values = values.and("spring.datasource.username=", "spring.datasource.password=");
    }
    values.applyTo(context);
  }
}
