package io.escala.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Table {@code lead_consent}: consent to marketing e-mail as ticked in a submission, and its confirmation by the
 * owner of the address (double opt-in). The confirmation e-mails are limited here, in the database: at most one per
 * address in any {@link #MAIL_INTERVAL}, whoever submits the form how often.
 */
@Repository
public class MarketingConsents {

  static final Duration MAIL_INTERVAL = Duration.ofDays(1);

  private final JdbcClient jdbc;

  public MarketingConsents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public enum MailStatus { PENDING, SENT, SKIPPED }

  public record ConsentRequest(long id, String leadKey, long submissionId, String consentText, Instant requestedAt,
      MailStatus mailStatus, Instant mailSentAt, Instant confirmedAt) {}

  public long request(String leadKey, long submissionId, String consentText, String clientIp, Instant at) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO lead_consent (lead_key, submission_id, consent_text, requested_at, request_ip, mail_status)
            VALUES (:leadKey, :submissionId, :consentText, :at, :ip, 'PENDING')""")
        .param("leadKey", LeadKeys.of(leadKey))
        .param("submissionId", submissionId)
        .param("consentText", consentText)
        .param("at", utc(at))
        .param("ip", LeadSubmissions.ip(clientIp))
        .update(keys, "id");
    return LeadSubmissions.generatedId(keys);
  }

  /**
   * Picks the request a confirmation e-mail goes out for now, and marks it SENT: the newest pending one, unless the
   * address already got a confirmation e-mail within {@link #MAIL_INTERVAL}. The other pending requests are SKIPPED:
   * their submissions stay for staff, and the owner can submit the form again another day. Runs in the caller's
   * transaction with the lead's row locked, so two jobs cannot both send; a failed send rolls the mark back.
   */
  public Optional<ConsentRequest> claimConfirmationMail(String leadKey, Instant now) {
    String key = LeadKeys.of(leadKey);
    if (jdbc.sql("SELECT lead_key FROM nurture_lead WHERE lead_key = :key FOR UPDATE").param("key", key)
        .query(String.class).optional().isEmpty()) {
      return Optional.empty();
    }
    List<ConsentRequest> pending = jdbc.sql("SELECT * FROM lead_consent WHERE lead_key = :key"
            + " AND mail_status = 'PENDING' ORDER BY requested_at DESC, id DESC")
        .param("key", key).query(MarketingConsents::map).list();
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    long recentMails = jdbc.sql("SELECT COUNT(*) FROM lead_consent WHERE lead_key = :key AND mail_status = 'SENT'"
            + " AND mail_sent_at > :since")
        .param("key", key).param("since", utc(now.minus(MAIL_INTERVAL))).query(Long.class).single();
    ConsentRequest newest = recentMails > 0 ? null : pending.get(0);
    jdbc.sql("UPDATE lead_consent SET mail_status = 'SKIPPED' WHERE lead_key = :key AND mail_status = 'PENDING'"
            + " AND id <> :newest")
        .param("key", key).param("newest", newest == null ? -1L : newest.id()).update();
    if (newest == null) {
      return Optional.empty();
    }
    jdbc.sql("UPDATE lead_consent SET mail_status = 'SENT', mail_sent_at = :at WHERE id = :id")
        .param("at", utc(now)).param("id", newest.id()).update();
    return find(newest.id());
  }

  public Optional<ConsentRequest> find(long id) {
    return jdbc.sql("SELECT * FROM lead_consent WHERE id = :id").param("id", id)
        .query(MarketingConsents::map).optional();
  }

  /** @return true when confirmed now, false when it was confirmed before */
  public boolean markConfirmed(long id, Instant at, String clientIp, String evidence) {
    return jdbc.sql("UPDATE lead_consent SET confirmed_at = :at, confirm_ip = :ip, evidence = :evidence"
            + " WHERE id = :id AND confirmed_at IS NULL")
        .param("at", utc(at)).param("ip", LeadSubmissions.ip(clientIp)).param("evidence", evidence)
        .param("id", id).update() == 1;
  }

  /** Erasure. */
  public void deleteAll(String leadKey) {
    jdbc.sql("DELETE FROM lead_consent WHERE lead_key = :key").param("key", LeadKeys.of(leadKey)).update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static ConsentRequest map(ResultSet rs, int row) throws SQLException {
    return new ConsentRequest(rs.getLong("id"), rs.getString("lead_key"), rs.getLong("submission_id"),
        rs.getString("consent_text"), instant(rs, "requested_at"), MailStatus.valueOf(rs.getString("mail_status")),
        instant(rs, "mail_sent_at"), instant(rs, "confirmed_at"));
  }
}
