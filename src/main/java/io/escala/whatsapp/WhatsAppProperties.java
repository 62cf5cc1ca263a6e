package io.escala.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.whatsapp.*}: the WhatsApp Business Cloud API. Template names are the callers' (each flow configures
 * its own).
 *
 * @param enabled off by default: then nothing is sent or recorded
 * @param baseUrl the Graph API host
 * @param apiVersion the Graph API version in the path; Meta retires each about two years after its release
 * @param phoneNumberId the id of the business phone number that sends (WhatsApp Manager → API setup), not the number
 * @param accessToken a system-user access token with {@code whatsapp_business_messaging}
 * @param timeout connect and answer timeout of each request, well below Camunda's job lock
 * @param languageCodes WhatsApp language codes by language tag, where a template was approved in another variant than
 *     the default one (e.g. {@code es: es} for templates approved as plain Spanish)
 */
@ConfigurationProperties("escala.whatsapp")
public record WhatsAppProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("https://graph.facebook.com") URI baseUrl,
    @DefaultValue("v26.0") String apiVersion,
    String phoneNumberId,
    String accessToken,
    @DefaultValue("PT10S") Duration timeout,
    Map<String, String> languageCodes) {

  public WhatsAppProperties {
    languageCodes = languageCodes == null ? Map.of() : Map.copyOf(languageCodes);
  }

  /** The generated toString would print the token into any log line that prints the settings. */
  @Override
  public String toString() {
    return "WhatsAppProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion
        + ", phoneNumberId=" + phoneNumberId
        + ", accessToken=" + (accessToken == null || accessToken.isBlank() ? "<empty>" : "****")
        + ", timeout=" + timeout + ", languageCodes=" + languageCodes + "]";
  }
}
