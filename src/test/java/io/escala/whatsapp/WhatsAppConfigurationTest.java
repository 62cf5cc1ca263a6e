package io.escala.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.escala.platform.MissingSettingException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class WhatsAppConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WhatsAppProperties.class)
  static class WithWhatsAppProperties {}

  private final JdbcClient jdbc = mock(JdbcClient.class);
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(WithWhatsAppProperties.class, WhatsAppConfiguration.class)
      .withBean(JdbcClient.class, () -> jdbc)
      .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
      .withBean(Clock.class, Clock::systemUTC);

  @Test
  void offByDefaultAnswersDisabledAndRecordsNothing() {
    context.run(app -> {
      WhatsAppMessages whatsApp = app.getBean(WhatsAppMessages.class);
      assertThat(whatsApp.enabled()).isFalse();
      assertThat(whatsApp.sendTemplate(new TemplateMessage(
              "k", "+5215512345678", "demo_reminder", Locale.ENGLISH, List.of("Ana"))))
          .isEqualTo(new WhatsAppReceipt(null, WhatsAppReceipt.Status.DISABLED));
      verifyNoInteractions(jdbc);
      WhatsAppProperties properties = app.getBean(WhatsAppProperties.class);
      assertThat(properties.baseUrl()).hasToString("https://graph.facebook.com");
      assertThat(properties.apiVersion()).isEqualTo("v26.0");
      assertThat(properties.timeout()).hasSeconds(10);
    });
  }

  @Test
  void onWithItsSettingsIsTheCloudApi() {
    context
        .withPropertyValues("escala.whatsapp.enabled=true", "escala.whatsapp.phone-number-id=106540352242922",
            "escala.whatsapp.access-token=EAAG-secret", "escala.whatsapp.language-codes.es=es")
        .run(app -> {
          assertThat(app).hasSingleBean(WhatsAppMessages.class);
          assertThat(app.getBean(WhatsAppMessages.class)).isInstanceOf(WhatsAppCloudApi.class);
          assertThat(app.getBean(WhatsAppMessages.class).enabled()).isTrue();
          WhatsAppProperties properties = app.getBean(WhatsAppProperties.class);
          assertThat(properties.languageCodes()).containsEntry("es", "es");
          assertThat(properties.toString()).doesNotContain("EAAG-secret");
        });
  }

  @Test
  void onWithoutThePhoneNumberIdFailsStartUpNamingIt() {
    context
        .withPropertyValues("escala.whatsapp.enabled=true", "escala.whatsapp.access-token=EAAG-secret")
        .run(app -> assertThat(app)
            .hasFailed()
            .getFailure()
            .rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.whatsapp.phone-number-id is not set"));
  }

  @Test
  void onWithoutTheAccessTokenFailsStartUpNamingIt() {
    context
        .withPropertyValues("escala.whatsapp.enabled=true", "escala.whatsapp.phone-number-id=106540352242922")
        .run(app -> assertThat(app)
            .hasFailed()
            .getFailure()
            .rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.whatsapp.access-token is not set"));
  }
}
