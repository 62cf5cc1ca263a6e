package io.escala.leads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.leads.consent.*}: the double opt-in of marketing e-mail.
 *
 * @param confirmWithin how long the confirmation link is valid and the case waits for the owner's click (ISO-8601,
 *     default {@code P7D}); unconfirmed, the case ends without a single nurture e-mail
 */
@ConfigurationProperties("escala.leads.consent")
public record LeadConsentProperties(@DefaultValue("P7D") Duration confirmWithin) {

  public LeadConsentProperties {
    if (confirmWithin == null || confirmWithin.isNegative() || confirmWithin.isZero()) {
      throw new IllegalArgumentException("escala.leads.consent.confirm-within must be a positive duration, e.g. P7D");
    }
  }
}
