package io.escala.leads;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.leads.sales.*}: who gets hot leads and how fast they must be worked.
 *
 * @param group the Camunda group whose members take hot leads in turn
 * @param qualifyWithin due date of "Qualify lead"; not worked by then, it goes to the sales managers
 */
@ConfigurationProperties("escala.leads.sales")
public record LeadSalesProperties(@DefaultValue("sales") String group, @DefaultValue("P1D") Duration qualifyWithin) {}
