package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail of each document ({@code document_audit}). A document's generation (template version, model,
 * prompt hash, check results, time) is on its {@code document_row}; what happens to it afterwards is written here, in
 * the transaction of the change it records: a review decision, a regeneration (with what was replaced), cancellation,
 * approval and delivery. Batch-wide events have no row.
 */
@Component
public class DocumentAudit {

  /** What the audit trail records. */
  public enum Event { RECEIVED, GENERATED, FAILED, REVIEWED, REGENERATING, CANCELLED, APPROVED, REJECTED, DELIVERED,
    DOWNLOADED }

  /** One line of a document's (or batch's) trail. */
  public record Entry(long id, long batchId, Long rowId, Event event, String actor, String detail, Instant at) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final Clock clock;

  public DocumentAudit(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** @param rowId {@code null} for an event of the whole batch */
  public void record(long batchId, Long rowId, Event event, String actor, Map<String, ?> detail) {
    jdbc.sql("""
            INSERT INTO document_audit (batch_id, row_id, event, actor, detail, created_at)
            VALUES (:batch, :row, :event, :actor, :detail, :now)""")
        .param("batch", batchId).param("row", rowId).param("event", event.name())
        .param("actor", actor.length() > 100 ? actor.substring(0, 100) : actor).param("detail", json(detail))
        .param("now", Timestamp.from(clock.instant())).update();
  }

  /** The same event for every row of a batch in the given statuses, in one statement (approval, delivery). */
  public int recordForRows(long batchId, List<String> rowStatuses, Event event, String actor, Map<String, ?> detail) {
    return jdbc.sql("""
            INSERT INTO document_audit (batch_id, row_id, event, actor, detail, created_at)
            SELECT batch_id, id, :event, :actor, :detail, :now FROM document_row
            WHERE batch_id = :batch AND status IN (:statuses)""")
        .param("batch", batchId).param("statuses", rowStatuses).param("event", event.name())
        .param("actor", actor.length() > 100 ? actor.substring(0, 100) : actor).param("detail", json(detail))
        .param("now", Timestamp.from(clock.instant())).update();
  }

  /** A document's trail, oldest first, batch-wide events included. */
  public List<Entry> trail(long batchId, long rowId) {
    return jdbc.sql("""
            SELECT id, batch_id, row_id, event, actor, detail, created_at FROM document_audit
            WHERE batch_id = :batch AND (row_id = :row OR row_id IS NULL) ORDER BY id""")
        .param("batch", batchId).param("row", rowId)
        .query((rs, n) -> new Entry(rs.getLong("id"), rs.getLong("batch_id"),
            rs.getObject("row_id") == null ? null : rs.getLong("row_id"), Event.valueOf(rs.getString("event")),
            rs.getString("actor"), rs.getString("detail"), rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  private static String json(Map<String, ?> detail) {
    try {
      return JSON.writeValueAsString(detail == null ? Map.of() : detail);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit detail is not JSON-serializable", e);
    }
  }
}
