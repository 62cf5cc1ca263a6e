package io.escala.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the platform itself contributes: the shared messages and the support group, which sees the outbox. */
@Configuration(proxyBeanMethods = false)
class PlatformFeatures {

  @Bean
  PlatformContribution platformContribution() {
    return PlatformContribution.of("platform")
        .staffGroup("support", "Support")
        .messageBundles("messages")
        .build();
  }
}
