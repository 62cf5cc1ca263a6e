package io.escala.demos;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Demo scheduling's public pages (booking, the lead's manage links, the reps' feeds) and the reps' staff page. */
@Configuration(proxyBeanMethods = false)
class DemosFeature {

  static final String SALES = "sales";
  static final String SALES_MANAGERS = "sales-managers";

  @Bean
  PlatformContribution demosContribution() {
    return PlatformContribution.of("demos")
        .publicEndpoints(
            page("/book-demo/**"),
            page("/demo/**"),
            // GET only: the secret in the path is the credential (DemoReps.repOfFeed)
            page("/calendar/demos/**"))
        .entryPoint("Book a demo", "/book-demo", 30)
        // The groups themselves are declared by lead nurturing.
        .staffPage("/staff/demos", "staff.page.demos", SALES, SALES_MANAGERS)
        .messageBundles("i18n/demos", "i18n/demos-mail")
        .build();
  }
}
