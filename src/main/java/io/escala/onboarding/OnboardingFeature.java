package io.escala.onboarding;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customer onboarding's public pages, the customer-success group and its erasure page. */
@Configuration(proxyBeanMethods = false)
class OnboardingFeature {

  @Bean
  PlatformContribution onboardingContribution() {
    return PlatformContribution.of("onboarding")
        .publicEndpoints(page("/signup/**"), page("/onboarding/**"))
        .entryPoint("Customer signup", "/signup", 10)
        .staffGroup("success", "Customer success")
        .staffPage("/staff/onboarding", "staff.page.onboarding", "success")
        .messageBundles("i18n/onboarding")
        .build();
  }
}
