package io.escala.dashboard;

import io.escala.platform.DashboardSection;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customer success: how many of the period's signups verified their e-mail and activated, and the median time from
 * signup to activation. Reads {@code onboarding_signup} by {@code created_at} (index from V25).
 */
@Component
class OnboardingSection implements DashboardSection {

  private final JdbcClient jdbc;

  OnboardingSection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String id() {
    return "onboarding";
  }

  @Override
  public String titleKey() {
    return "staff.dashboard.onboarding";
  }

  @Override
  public List<String> groups() {
    return List.of("success");
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public Figures figures(Query query) {
    Funnel funnel = jdbc.sql("""
            SELECT COUNT(*) AS signed_up, COUNT(verified_at) AS verified, COUNT(activated_at) AS activated,
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY
                     EXTRACT(EPOCH FROM activated_at) - EXTRACT(EPOCH FROM created_at)) AS median_seconds
            FROM onboarding_signup WHERE created_at >= :since AND created_at < :now""")
        .param("since", Timestamp.from(query.since())).param("now", Timestamp.from(query.now()))
        .query((rs, row) -> new Funnel(rs.getLong("signed_up"), rs.getLong("verified"), rs.getLong("activated"),
            rs.getObject("median_seconds") == null ? 0 : rs.getDouble("median_seconds")))
        .single();
    return new Figures(
        List.of(new Figure(Label.of("staff.dashboard.onboarding.signedUp"), funnel.signedUp(), Unit.COUNT),
            new Figure(Label.of("staff.dashboard.onboarding.activationRate"),
                funnel.signedUp() == 0 ? 0 : 100.0 * funnel.activated() / funnel.signedUp(), Unit.PERCENT),
            new Figure(Label.of("staff.dashboard.onboarding.medianActivation"), funnel.medianSeconds() / 3600.0,
                Unit.HOURS)),
        List.of(new Chart("onboarding-funnel", Label.of("staff.dashboard.onboarding.funnel"), ChartType.BAR,
            List.of(Label.of("staff.dashboard.onboarding.signedUp"), Label.of("staff.dashboard.onboarding.verified"),
                Label.of("staff.dashboard.onboarding.activated")),
            List.of(new Series(Label.of("staff.dashboard.customers"),
                List.of(funnel.signedUp(), funnel.verified(), funnel.activated()))))));
  }

  private record Funnel(long signedUp, long verified, long activated, double medianSeconds) {}
}
