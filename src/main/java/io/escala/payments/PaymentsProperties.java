package io.escala.payments;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.payments.*}: the payment provider for paid courses.
 *
 * @param enabled off by default: an installation without a provider account runs as is, and refuses paid checkouts
 * @param provider which provider opens checkouts and whose notifications are believed
 * @param timeout connect and read timeout of every request, well below Camunda's job lock
 * @param replayTolerance how old a signed notification may be; older ones are refused as replays
 */
@ConfigurationProperties("escala.payments")
public record PaymentsProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("mercadopago") Provider provider,
    @DefaultValue MercadoPago mercadopago,
    @DefaultValue Stripe stripe,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT5M") Duration replayTolerance) {

  public enum Provider {
    MERCADOPAGO,
    STRIPE
  }

  /**
   * @param accessToken the application's production (or test) access token, from Your integrations → Credentials
   * @param webhookSecret the secret signature shown under Webhooks → Configure notifications
   */
  public record MercadoPago(
      @DefaultValue("https://api.mercadopago.com") URI baseUrl, String accessToken, String webhookSecret) {

    @Override
    public String toString() {
      return "MercadoPago[baseUrl=" + baseUrl + ", accessToken=" + masked(accessToken) + ", webhookSecret="
          + masked(webhookSecret) + "]";
    }
  }

  /**
   * @param secretKey a secret ({@code sk_…}) or restricted ({@code rk_…}) API key
   * @param webhookSecret the endpoint's signing secret ({@code whsec_…})
   */
  public record Stripe(@DefaultValue("https://api.stripe.com") URI baseUrl, String secretKey, String webhookSecret) {

    @Override
    public String toString() {
      return "Stripe[baseUrl=" + baseUrl + ", secretKey=" + masked(secretKey) + ", webhookSecret="
          + masked(webhookSecret) + "]";
    }
  }

  private static String masked(String secret) {
    return secret == null || secret.isBlank() ? "<empty>" : "****";
  }
}
