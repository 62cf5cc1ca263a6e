package io.escala.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

class CrmConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CrmProperties.class)
  static class WithCrmProperties {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(WithCrmProperties.class, CrmConfiguration.class)
      .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
      .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
      .withBean(RestClient.Builder.class, RestClient::builder);

  @Test
  void theBuiltInCrmIsTheDefault() {
    context.run(app -> {
      assertThat(app).hasSingleBean(Crm.class);
      assertThat(app.getBean(Crm.class)).isInstanceOf(BuiltInCrm.class);
      assertThat(app.getBean(CrmProperties.class).hubspot().baseUrl()).hasToString("https://api.hubapi.com");
    });
  }

  @Test
  void hubspotWithATokenIsTheOnlyCrm() {
    context
        .withPropertyValues("escala.crm.provider=hubspot", "escala.crm.hubspot.access-token=pat-na1-x")
        .run(app -> {
          assertThat(app).hasSingleBean(Crm.class);
          assertThat(app.getBean(Crm.class)).isInstanceOf(HubSpotCrm.class);
          assertThat(app).doesNotHaveBean(BuiltInCrm.class);
        });
  }

  @Test
  void hubspotWithoutATokenFailsStartUpWithAClearMessage() {
    context
        .withPropertyValues("escala.crm.provider=hubspot", "escala.crm.hubspot.access-token=")
        .run(app -> assertThat(app)
            .hasFailed()
            .getFailure()
            .rootCause()
            .isInstanceOf(io.escala.platform.MissingSettingException.class)
            .hasMessageContaining("escala.crm.hubspot.access-token is not set"));
  }
}
