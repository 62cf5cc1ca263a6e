package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.mail.MailHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.mail.MailHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Spring Boot's SMTP health check only where there is an SMTP host to check. */
class OutboxModeMailHealthTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(OutboxModeMailHealth.class)
      .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class,
          MailHealthContributorAutoConfiguration.class));

  @Test
  void anEmptyHostReportsOutboxModeUpInsteadOfCheckingLocalhost() {
    context.withPropertyValues("spring.mail.host=", "spring.mail.port=1").run(app -> {
      assertThat(app).doesNotHaveBean(MailHealthIndicator.class);
      HealthIndicator mail = app.getBean("mailHealthContributor", HealthIndicator.class);
      assertThat(mail.health().getStatus()).isEqualTo(Status.UP);
      assertThat(mail.health().getDetails()).containsEntry("mode", "outbox");
    });
  }

  @Test
  void aConfiguredHostKeepsSpringBootsSmtpCheck() {
    context.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=1").run(app -> {
      assertThat(app).hasSingleBean(MailHealthIndicator.class);
      assertThat(app.getBean(MailHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
    });
  }
}
