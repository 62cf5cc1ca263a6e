package io.escala.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

class SmtpTimeoutsTest {

  private static final Duration JOB_LOCK = Duration.ofMinutes(5);

  @Test
  void theShippedTimeoutsLetASlowServerAnswerWithinTheLeaseAndTheLeaseEndsWithinTheJobLock() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties shipped = yaml.getObject();
    Properties javaMail = new Properties();
    shipped.keySet().stream()
        .map(Object::toString) // stringPropertyNames() would skip the numbers
        .filter(name -> name.startsWith("spring.mail.properties."))
        .forEach(name -> javaMail.put(name.substring("spring.mail.properties.".length()), shipped.get(name)));
    Duration jobLock = Duration.ofMillis(Long.parseLong(
        shipped.get("camunda.bpm.job-execution.lock-time-in-millis").toString()));

    SmtpTimeouts timeouts = SmtpTimeouts.of(javaMail, "smtp");

    assertThat(timeouts).isEqualTo(new SmtpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(60)));
    timeouts.checkFits(MailMessageStore.SENDING_LEASE, jobLock);
  }

  @Test
  void anAttemptThatCouldOutliveTheLeaseIsRefused() {
    SmtpTimeouts slow = new SmtpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(2));

    assertThatThrownBy(() -> slow.checkFits(MailMessageStore.SENDING_LEASE, JOB_LOCK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sending lease");
  }

  @Test
  void aLeaseAsLongAsTheJobLockIsRefused() {
    SmtpTimeouts timeouts = new SmtpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));

    assertThatThrownBy(() -> timeouts.checkFits(MailMessageStore.SENDING_LEASE, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lock-time-in-millis");
  }

  @Test
  void aMissingTimeoutIsRefusedBecauseJakartaMailWouldWaitForever() {
    Properties javaMail = new Properties();
    javaMail.put("mail.smtps.connectiontimeout", "10000");
    javaMail.put("mail.smtps.writetimeout", "60000");

    assertThatThrownBy(() -> SmtpTimeouts.of(javaMail, "smtps"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("spring.mail.properties.mail.smtps.timeout");
  }
}
