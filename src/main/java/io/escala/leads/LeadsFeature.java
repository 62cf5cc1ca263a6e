package io.escala.leads;

import static io.escala.platform.PublicEndpoint.page;
import static io.escala.platform.PublicEndpoint.signedPost;

import io.escala.platform.PlatformContribution;
import io.escala.platform.WebhookSignature;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Lead nurturing's public pages, signed endpoints, sales groups and pages. */
@Configuration(proxyBeanMethods = false)
class LeadsFeature {

  static final String WEBHOOK_SECRET_SETTING = "escala.leads.webhook-secret";

  @Bean
  PlatformContribution leadsContribution() {
    return PlatformContribution.of("leads")
        .publicEndpoints(
            page("/contact/**"),
            page("/t/**"),
            page("/unsubscribe/**"),
            // Signed by the form tool or event source (LeadWebhookController); RFC 8058 one-click unsubscribes
            // carry their token.
            signedPost("/leads/webhook").withMaxBody(DataSize.ofKilobytes(64)),
            signedPost("/leads/events").withMaxBody(DataSize.ofKilobytes(64)),
            signedPost("/unsubscribe/one-click").withMaxBody(DataSize.ofKilobytes(4)))
        .entryPoint("Lead form", "/contact", 20)
        .staffGroup("sales", "Sales")
        .staffGroup("sales-managers", "Sales managers")
        // Leads' names and e-mails, and stopping their sequences, are for sales only.
        .staffPage("/staff/leads", "staff.page.leads", "sales", "sales-managers")
        .messageBundles("i18n/leads", "i18n/leads-delivery")
        .build();
  }

  @Bean
  WebhookSignature leadWebhookSignature(@Value("${" + WEBHOOK_SECRET_SETTING + ":}") String secret) {
    return new WebhookSignature(WEBHOOK_SECRET_SETTING, secret);
  }
}
