package io.escala.crm;

import io.escala.platform.PlatformContribution;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in CRM's pages, for the groups that work with customers' records ({@code escala.crm.staff-groups}). */
@Configuration(proxyBeanMethods = false)
class CrmFeature {

  @Bean
  PlatformContribution crmContribution(
      @Value("${escala.crm.staff-groups:sales,sales-managers,success}") List<String> staffGroups) {
    return PlatformContribution.of("crm")
        .staffPage("/staff/crm", "staff.page.crm", staffGroups.toArray(String[]::new))
        .messageBundles("i18n/crm")
        .build();
  }
}
