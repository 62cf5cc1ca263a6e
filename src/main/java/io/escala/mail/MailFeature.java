package io.escala.mail;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox shows customers' private links: support and administrators only. */
@Configuration(proxyBeanMethods = false)
class MailFeature {

  @Bean
  PlatformContribution mailContribution() {
    return PlatformContribution.of("mail")
        .staffPage("/staff/outbox", "staff.page.outbox", "support")
        .messageBundles("i18n/mail")
        .build();
  }
}
