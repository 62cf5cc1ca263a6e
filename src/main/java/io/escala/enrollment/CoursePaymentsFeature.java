package io.escala.enrollment;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pay link and the pages the payment provider sends the payer back to ({@link PayController}). */
@Configuration(proxyBeanMethods = false)
class CoursePaymentsFeature {

  @Bean
  PlatformContribution coursePaymentsContribution() {
    return PlatformContribution.of("course-payments")
        .publicEndpoints(page("/courses/pay/**"), page("/courses/paid/**"))
        .messageBundles("i18n/enrollment-pay")
        .build();
  }
}
