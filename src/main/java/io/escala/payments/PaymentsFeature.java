package io.escala.payments;

import static io.escala.platform.PublicEndpoint.signedPost;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The providers' notification endpoint: its signature is the credential ({@link PaymentWebhookController}). */
@Configuration(proxyBeanMethods = false)
class PaymentsFeature {

  @Bean
  PlatformContribution paymentsContribution() {
    // Mercado Pago's and Stripe's payment events are a few kilobytes; the default signed-post cap (64 KB) is ample.
    return PlatformContribution.of("payments")
        .publicEndpoints(signedPost("/webhooks/payments/**"))
        .build();
  }
}
