package io.escala.dashboard;

import io.escala.platform.DashboardSection;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Support: the period's e-mails by delivery status ({@code mail_message} by {@code created_at}, index from V25), and
 * the leads whose address bounced (the only bounce record Escala keeps: {@code nurture_lead.status}).
 */
@Component
class MailSection implements DashboardSection {

  static final List<String> STATUSES = List.of("SENT", "OUTBOX", "PENDING", "SENDING", "FAILED");

  private final JdbcClient jdbc;

  MailSection(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String id() {
    return "mail";
  }

  @Override
  public String titleKey() {
    return "staff.dashboard.mail";
  }

  @Override
  public List<String> groups() {
    return List.of("support");
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public Figures figures(Query query) {
    Timestamp since = Timestamp.from(query.since());
    Timestamp now = Timestamp.from(query.now());
    Map<String, Long> byStatus = new LinkedHashMap<>();
    STATUSES.forEach(status -> byStatus.put(status, 0L));
    jdbc.sql("""
            SELECT status, COUNT(*) AS mails FROM mail_message
            WHERE created_at >= :since AND created_at < :now GROUP BY status""")
        .param("since", since).param("now", now)
        .query((rs, row) -> byStatus.put(rs.getString("status"), rs.getLong("mails"))).list();
    long bounced = jdbc.sql("""
            SELECT COUNT(*) FROM nurture_lead
            WHERE status = 'BOUNCED' AND updated_at >= :since AND updated_at < :now""")
        .param("since", since).param("now", now).query(Long.class).single();
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    List<Label> labels = new java.util.ArrayList<>(byStatus.keySet().stream()
        .map(status -> new Label("staff.outbox.status." + status, status)).toList());
    List<Long> values = new java.util.ArrayList<>(byStatus.values());
    labels.add(Label.of("staff.dashboard.mail.bounced"));
    values.add(bounced);
    return new Figures(
        List.of(new Figure(Label.of("staff.dashboard.mail.total"), total, Unit.COUNT),
            new Figure(Label.of("staff.dashboard.mail.failed"), byStatus.get("FAILED"), Unit.COUNT),
            new Figure(Label.of("staff.dashboard.mail.bounced"), bounced, Unit.COUNT)),
        List.of(new Chart("mail-status", Label.of("staff.dashboard.mail.byStatus"), ChartType.BAR, labels,
            List.of(new Series(Label.of("staff.dashboard.mail.count"), values)))));
  }
}
