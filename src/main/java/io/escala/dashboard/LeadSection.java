package io.escala.dashboard;

import io.escala.platform.DashboardSection;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sales: leads captured in the period, how many reached a warm or hot score, how many were handed to sales (a CRM
 * deal {@code lead:<e-mail>}), and how high the leads scored. Reads {@code nurture_lead}, {@code lead_score_snapshot}
 * and {@code crm_deal} by time (indexes from V25).
 */
@Component
class LeadSection implements DashboardSection {

  static final int BUCKETS = 10;

  private final JdbcClient jdbc;

  LeadSection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String id() {
    return "leads";
  }

  @Override
  public String titleKey() {
    return "staff.dashboard.leads";
  }

  @Override
  public List<String> groups() {
    return List.of("sales", "sales-managers");
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Figures figures(Query query) {
    Timestamp since = Timestamp.from(query.since());
    Timestamp now = Timestamp.from(query.now());
    long captured = count("SELECT COUNT(*) FROM nurture_lead WHERE created_at >= :since AND created_at < :now",
        since, now);
    long handed = count("""
        SELECT COUNT(*) FROM crm_deal
        WHERE created_at >= :since AND created_at < :now AND deal_key LIKE 'lead:%'""", since, now);
    // One pass over the period's snapshots: each lead once, at the highest score it reached, and whether it
    // reached warm or hot.
    long[] buckets = new long[BUCKETS];
    long[] warmOrHotCount = new long[1];
    jdbc.sql("""
            SELECT best / 10 AS bucket, COUNT(*) AS leads, SUM(warm) AS warm FROM (
              SELECT lead_key, MAX(total) AS best,
                     MAX(CASE WHEN route IN ('warm', 'hot') THEN 1 ELSE 0 END) AS warm
              FROM lead_score_snapshot
              WHERE computed_at >= :since AND computed_at < :now GROUP BY lead_key) scores
            GROUP BY best / 10""")
        .param("since", since).param("now", now)
        .query((rs, row) -> {
          int bucket = Math.max(0, Math.min(BUCKETS - 1, rs.getInt("bucket")));
          buckets[bucket] += rs.getLong("leads");
          warmOrHotCount[0] += rs.getLong("warm");
          return null;
        }).list();
    long warmOrHot = warmOrHotCount[0];
    List<Label> bucketLabels = new ArrayList<>();
    List<Long> bucketValues = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      bucketLabels.add(Label.text(i == BUCKETS - 1 ? (i * 10) + "+" : (i * 10) + "–" + (i * 10 + 9)));
      bucketValues.add(buckets[i]);
    }
    return new Figures(
        List.of(new Figure(Label.of("staff.dashboard.leads.captured"), captured, Unit.COUNT),
            new Figure(Label.of("staff.dashboard.leads.handedRate"),
                captured == 0 ? 0 : 100.0 * handed / captured, Unit.PERCENT)),
        List.of(new Chart("lead-funnel", Label.of("staff.dashboard.leads.funnel"), ChartType.BAR,
                List.of(Label.of("staff.dashboard.leads.captured"), Label.of("staff.dashboard.leads.warmOrHot"),
                    Label.of("staff.dashboard.leads.handed")),
                List.of(new Series(Label.of("staff.dashboard.leads.count"), List.of(captured, warmOrHot, handed)))),
            new Chart("lead-scores", Label.of("staff.dashboard.leads.scores"), ChartType.BAR, bucketLabels,
                List.of(new Series(Label.of("staff.dashboard.leads.count"), bucketValues)))));
  }

  private long count(String sql, Timestamp since, Timestamp now) {
    return jdbc.sql(sql).param("since", since).param("now", now).query(Long.class).single();
  }
}
