package io.escala.certificates;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The public verification pages, customer success's revocation page and the certificates' messages. */
@Configuration(proxyBeanMethods = false)
class CertificatesFeature {

  static final String SUCCESS = "success";

  @Bean
  PlatformContribution certificatesContribution() {
    return PlatformContribution.of("certificates")
        // GET only: the code in the path is the credential (see CertificatePageController)
        .publicEndpoints(page("/certificates/**"))
        // Declared as onboarding declares it, so this package stands on its own.
        .staffGroup(SUCCESS, "Customer success")
        .staffPage("/staff/certificates", "staff.page.certificates", SUCCESS)
        .messageBundles("i18n/certificates")
        .build();
  }
}
