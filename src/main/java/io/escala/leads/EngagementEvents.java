package io.escala.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code lead_engagement_event}: what each lead did, recorded once per event id (a tracked link opened twice
 * by a mail scanner and a retried webhook count once).
 */
@Repository
public class EngagementEvents {

  static final int MAX_DETAIL_LENGTH = 1000;
  static final int MAX_EVENT_ID_LENGTH = 200;

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public EngagementEvents(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    // On PostgreSQL a failed insert aborts the surrounding transaction; a savepoint keeps the caller's one usable.
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** @return true when recorded now, false when this event id was already recorded */
  public boolean record(String leadKey, EngagementType type, String detail, String eventId, Instant at) {
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("An engagement event needs an event id");
    }
    if (type == null || at == null) {
      throw new IllegalArgumentException("An engagement event needs a type and a time");
    }
    String key = LeadKeys.of(leadKey);
    String id = eventId.strip();
    if (id.length() > MAX_EVENT_ID_LENGTH) {
      throw new IllegalArgumentException("An event id has at most " + MAX_EVENT_ID_LENGTH + " characters");
    }
    if (alreadyRecorded(id)) {
      return false;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO lead_engagement_event (lead_key, type, detail, event_id, occurred_at)
              VALUES (:leadKey, :type, :detail, :eventId, :occurredAt)""")
          .param("leadKey", key)
          .param("type", type.name())
          .param("detail", shortened(detail), Types.VARCHAR)
          .param("eventId", id)
          .param("occurredAt", utc(at))
          .update());
      return true;
    } catch (DuplicateKeyException recordedConcurrently) {
      return false;
    }
  }

  /** The lead's events at or after {@code from}, oldest first. */
  public List<EngagementEvent> since(String leadKey, Instant from) {
    return jdbc.sql("""
            SELECT id, lead_key, type, detail, event_id, occurred_at FROM lead_engagement_event
            WHERE lead_key = :leadKey AND occurred_at >= :from ORDER BY occurred_at, id""")
        .param("leadKey", LeadKeys.of(leadKey))
        .param("from", utc(from))
        .query(EngagementEvents::map)
        .list();
  }

  /** Erasure. */
  public void deleteAll(String leadKey) {
    jdbc.sql("DELETE FROM lead_engagement_event WHERE lead_key = :leadKey").param("leadKey", LeadKeys.of(leadKey))
        .update();
  }

  /** Package-private for the test that simulates a concurrent insert between this check and the insert. */
  boolean alreadyRecorded(String eventId) {
    return jdbc.sql("SELECT COUNT(*) FROM lead_engagement_event WHERE event_id = :eventId")
        .param("eventId", eventId).query(Long.class).single() > 0;
  }

  private static String shortened(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    String trimmed = detail.strip();
    if (trimmed.length() <= MAX_DETAIL_LENGTH) {
      return trimmed;
    }
    // never cut an emoji (surrogate pair) in half
    int end = MAX_DETAIL_LENGTH;
    if (Character.isHighSurrogate(trimmed.charAt(end - 1))) {
      end--;
    }
    return trimmed.substring(0, end);
  }

  private static EngagementEvent map(ResultSet rs, int row) throws SQLException {
    return new EngagementEvent(
        rs.getLong("id"),
        rs.getString("lead_key"),
        EngagementType.valueOf(rs.getString("type")),
        rs.getString("detail"),
        rs.getString("event_id"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
