package io.escala.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code lead_score_snapshot}: every score a lead was given, so sales sees how it got hot (or cooled off). */
@Repository
public class LeadScoreHistory {

  private final JdbcClient jdbc;

  public LeadScoreHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String leadKey, LeadScore score) {
    jdbc.sql("""
            INSERT INTO lead_score_snapshot (lead_key, fit, engagement, total, route, reasons, computed_at)
            VALUES (:leadKey, :fit, :engagement, :total, :route, :reasons, :computedAt)""")
        .param("leadKey", LeadKeys.of(leadKey))
        .param("fit", score.fit())
        .param("engagement", score.engagement())
        .param("total", score.total())
        .param("route", score.route())
        .param("reasons", score.reasonsText())
        .param("computedAt", EngagementEvents.utc(score.computedAt()))
        .update();
  }

  /** Newest first. */
  public List<LeadScore> of(String leadKey) {
    return jdbc.sql("""
            SELECT fit, engagement, total, route, reasons, computed_at FROM lead_score_snapshot
            WHERE lead_key = :leadKey ORDER BY computed_at DESC, id DESC""")
        .param("leadKey", LeadKeys.of(leadKey))
        .query(LeadScoreHistory::map)
        .list();
  }

  /** Erasure. */
  public void deleteAll(String leadKey) {
    jdbc.sql("DELETE FROM lead_score_snapshot WHERE lead_key = :leadKey").param("leadKey", LeadKeys.of(leadKey))
        .update();
  }

  private static LeadScore map(ResultSet rs, int row) throws SQLException {
    String reasons = rs.getString("reasons");
    return new LeadScore(
        rs.getInt("fit"),
        rs.getInt("engagement"),
        rs.getInt("total"),
        rs.getString("route"),
        reasons == null || reasons.isBlank() ? List.of() : reasons.lines().map(ScoreReason::parse).toList(),
        rs.getObject("computed_at", OffsetDateTime.class).toInstant());
  }
}
