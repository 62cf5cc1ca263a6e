package io.escala.lms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.escala.platform.MissingSettingException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

class LmsConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(LmsProperties.class)
  static class WithLmsProperties {}

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(WithLmsProperties.class, LmsConfiguration.class)
      .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
      .withBean(Clock.class, Clock::systemUTC);

  @Test
  void builtInByDefaultWithMoodlesDocumentedDefaults() {
    context.run(app -> {
      assertThat(app.getBean(Lms.class)).isInstanceOf(BuiltInLms.class);
      assertThat(app.getBean(Lms.class).provider()).isEqualTo("built-in");
      LmsProperties properties = app.getBean(LmsProperties.class);
      assertThat(properties.moodle().timeout()).hasSeconds(10);
      assertThat(properties.moodle().studentRoleId()).isEqualTo(5);
    });
    context.withPropertyValues("escala.lms.provider=built-in")
        .run(app -> assertThat(app.getBean(Lms.class)).isInstanceOf(BuiltInLms.class));
  }

  @Test
  void moodleWithAddressAndToken() {
    context
        .withPropertyValues("escala.lms.provider=moodle", "escala.lms.moodle.base-url=https://campus.example.com",
            "escala.lms.moodle.token=secret-token-1")
        .run(app -> {
          assertThat(app.getBean(Lms.class)).isInstanceOf(MoodleLms.class);
          assertThat(app.getBean(Lms.class).provider()).isEqualTo("moodle");
          assertThat(app.getBean(LmsProperties.class).toString()).doesNotContain("secret-token-1");
        });
  }

  @Test
  void moodleWithoutTokenOrAddressFailsStartUpNamingIt() {
    context
        .withPropertyValues("escala.lms.provider=moodle", "escala.lms.moodle.base-url=https://campus.example.com")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.lms.moodle.token is not set"));
    context
        .withPropertyValues("escala.lms.provider=moodle", "escala.lms.moodle.token=t")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("escala.lms.moodle.base-url is not set"));
  }
}
