package io.escala.dashboard;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.dashboard.*}: the period the staff dashboard looks back over, the LLM prices used for its cost
 * estimate, and how often the Prometheus gauges re-read the tables.
 *
 * @param window figures cover signups, leads, mails and calls of this period before now
 * @param inputUsdPerMillionTokens list price of prompt tokens (gpt-4o-mini: 0.15)
 * @param outputUsdPerMillionTokens list price of completion tokens (gpt-4o-mini: 0.60)
 * @param metricsRefresh the gauges' figures are at most this old; one scrape costs nothing in between
 * @param freshness a section's figures are reused this long for the same groups (read by platform/staff/Dashboard;
 *     PT0S: every render queries)
 */
@ConfigurationProperties("escala.dashboard")
public record DashboardProperties(
    @DefaultValue("P30D") Duration window,
    @DefaultValue("0.15") BigDecimal inputUsdPerMillionTokens,
    @DefaultValue("0.60") BigDecimal outputUsdPerMillionTokens,
    @DefaultValue("PT30S") Duration metricsRefresh,
    @DefaultValue("PT30S") Duration freshness) {}
