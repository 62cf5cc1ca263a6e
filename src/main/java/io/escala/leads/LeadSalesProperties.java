package io.escala.leads;

import io.escala.platform.LocaleConfiguration;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.leads.sales.*}: who gets hot leads, how fast they must be worked, and in which language.
 *
 * @param group the Camunda group whose members take hot leads in turn
 * @param qualifyWithin due date of "Qualify lead"; not worked by then, it goes to the sales managers
 * @param language what the sales team reads (es, pt-BR or en): Tasklist forms are not localized per user, so the
 *     score reasons and history on "Qualify lead" and the CRM note are written in this one language
 */
@ConfigurationProperties("escala.leads.sales")
public record LeadSalesProperties(
    @DefaultValue("sales") String group,
    @DefaultValue("P1D") Duration qualifyWithin,
    @DefaultValue("es") Locale language) {

  public LeadSalesProperties {
    language = LocaleConfiguration.supported(language);
  }
}
