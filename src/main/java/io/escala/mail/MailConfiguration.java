package io.escala.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Mail wiring. The mode is decided here: an empty {@code spring.mail.host} means outbox mode, nothing leaves the
 * machine. (Spring Boot creates a JavaMailSender even for an empty host, so its presence proves nothing.)
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

  /**
   * Plain-text mail bodies ({@code templates/mail/x.txt}). Spring Boot adds every template resolver to its engine;
   * Thymeleaf asks resolvers with an order before the unordered default HTML resolver, and this one only answers for
   * {@code *.txt} names that exist, so every page keeps rendering as HTML.
   */
  @Bean
  SpringResourceTemplateResolver mailTextTemplateResolver(@Value("${spring.thymeleaf.cache:true}") boolean cacheable) {
    SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
    resolver.setPrefix("classpath:/templates/");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setResolvablePatterns(Set.of("*.txt"));
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(cacheable);
    resolver.setOrder(0);
    return resolver;
  }

  @Bean
  EmailSender emailSender(
      @Value("${spring.mail.host:}") String host,
      EmailRenderer renderer,
      MailMessageStore store,
      MailOutbox outbox,
      MailProperties properties,
      ObjectProvider<JavaMailSender> javaMailSender,
      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
    if (host == null || host.isBlank()) {
      log.info("Outbox mode (spring.mail.host is empty): e-mails are stored for /staff/outbox, none is sent");
      return RecordingEmailSender.outboxOnly(renderer, store, outbox);
    }
    JavaMailSender mailSender = javaMailSender.getObject();
    if (mailSender instanceof JavaMailSenderImpl configured) {
      SmtpTimeouts timeouts = SmtpTimeouts.of(configured.getJavaMailProperties(), configured.getProtocol());
      timeouts.checkFits(MailMessageStore.SENDING_LEASE, Duration.ofMillis(jobLockMillis));
      log.info("E-mails are sent through SMTP host {} (one attempt at most {} s, sending lease {} s)",
          host, timeouts.oneAttempt().toSeconds(), MailMessageStore.SENDING_LEASE.toSeconds());
    } else {
      log.info("E-mails are sent through SMTP host {}", host);
    }
    return RecordingEmailSender.delivering(renderer, store, outbox, new SmtpDelivery(mailSender, properties));
  }
}
