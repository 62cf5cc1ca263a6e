package io.escala.platform;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Health of mail when {@code spring.mail.host} is empty. Spring Boot creates a mail sender even for an empty host, and
 * its health check then connects to localhost:587, so the embedded default answered {@code /actuator/health} with
 * 503 DOWN although outbox mode sends nothing. In outbox mode this bean takes the name of Spring Boot's mail
 * indicator (which then steps back) and reports UP; with a host set, Spring Boot's SMTP check stays.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OutboxModeMailHealth.NoSmtpHost.class)
public class OutboxModeMailHealth {

  /** The name Spring Boot's {@code MailHealthContributorAutoConfiguration} backs off for. */
  @Bean("mailHealthContributor")
  HealthIndicator outboxModeMailHealth() {
    return () -> Health.up().withDetail("mode", "outbox").build();
  }

  static final class NoSmtpHost implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
    }
  }
}
