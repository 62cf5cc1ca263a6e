package io.escala.crm;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.crm.*}: which CRM Escala writes to.
 *
 * @param provider {@code builtin} (Escala's own tables, visible at /staff/crm) or {@code hubspot}
 */
@ConfigurationProperties("escala.crm")
public record CrmProperties(@DefaultValue("builtin") Provider provider, @DefaultValue HubSpot hubspot) {

  public enum Provider {
    BUILTIN,
    HUBSPOT
  }

  /**
   * @param accessToken a HubSpot private-app token (scopes: crm.objects.contacts.read/write); required when the
   *     provider is hubspot
   * @param timeout connect and read timeout of every request, well below Camunda's job lock time
   */
  public record HubSpot(
      @DefaultValue("https://api.hubapi.com") URI baseUrl,
      String accessToken,
      @DefaultValue("PT20S") Duration timeout) {

    public boolean hasAccessToken() {
      return accessToken != null && !accessToken.isBlank();
    }

    /** The generated record toString would print the token into any log line that prints the settings. */
    @Override
    public String toString() {
      return "HubSpot[baseUrl=" + baseUrl + ", accessToken=" + (hasAccessToken() ? "****" : "<empty>")
          + ", timeout=" + timeout + "]";
    }
  }
}
