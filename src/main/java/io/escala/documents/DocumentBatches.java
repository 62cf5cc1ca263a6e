package io.escala.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The life of a batch: opened by the intake, started, and closed exactly once when no row is left to generate (the
 * conditional update makes one node the one that publishes {@link BatchGenerated}, however many finish rows at the
 * same moment).
 */
@Component
public class DocumentBatches {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final DocumentsProperties properties;

  public DocumentBatches(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
      DocumentsProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
    this.properties = properties;
  }

  long open(long templateVersionId, String model, String requestedBy, DocumentBatch.Source source) {
    Timestamp now = Timestamp.from(clock.instant());
    var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO document_batch (template_version_id, model, status, source, requested_by, created_at)
            VALUES (:v, :model, 'RECEIVING', :source, :by, :now)""")
        .param("v", templateVersionId).param("model", model).param("source", source.name())
        .param("by", requestedBy).param("now", now)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void received(long batchId, int accepted, int rejected, boolean refused) {
    jdbc.sql("""
            UPDATE document_batch SET status = :status, rows_total = :accepted, rows_rejected = :rejected
            WHERE id = :id AND status = 'RECEIVING'""")
        .param("status", refused ? "CANCELLED" : "READY").param("accepted", accepted).param("rejected", rejected)
        .param("id", batchId).update();
  }

  /** READY → RUNNING: the workers start claiming its rows. A batch without a row to generate is done at once. */
  public void start(long batchId) {
    int started = jdbc.sql("UPDATE document_batch SET status = 'RUNNING', started_at = :now"
            + " WHERE id = :id AND status = 'READY'")
        .param("now", Timestamp.from(clock.instant())).param("id", batchId).update();
    if (started == 0) {
      throw new IllegalStateException("batch " + batchId + " is not ready to start");
    }
    closeIfDone(batchId);
  }

  /** Who the batch is for, and how it is generated; set by whoever opened it, before it starts. */
  public void describe(long batchId, DocumentBatch.Requester requester, DocumentBatch.Mode mode) {
    String locale = requester.locale().toLanguageTag();
    if (!java.util.List.of("es", "pt-BR", "en").contains(locale)) {
      locale = requester.locale().getLanguage().equals("pt") ? "pt-BR"
          : requester.locale().getLanguage().equals("en") ? "en" : "es";
    }
    int updated = jdbc.sql("""
            UPDATE document_batch SET requester_name = :name, requester_email = :email, requester_locale = :locale,
                   mode = :mode
            WHERE id = :id AND status IN ('RECEIVING', 'READY')""")
        .param("name", requester.name()).param("email", requester.email()).param("locale", locale)
        .param("mode", mode.name()).param("id", batchId).update();
    if (updated == 0) {
      throw new IllegalStateException("batch " + batchId + " has started: it cannot be described again");
    }
  }

  /** RUNNING → PAUSED: no row is claimed any more; calls in flight finish. {@code false}: it was not running. */
  public boolean pause(long batchId) {
    return jdbc.sql("UPDATE document_batch SET status = 'PAUSED', paused_at = :now WHERE id = :id"
            + " AND status = 'RUNNING'")
        .param("now", Timestamp.from(clock.instant())).param("id", batchId).update() == 1;
  }

  /** PAUSED → RUNNING. {@code false}: it was not paused. */
  public boolean resume(long batchId) {
    boolean resumed = jdbc.sql("UPDATE document_batch SET status = 'RUNNING', paused_at = NULL WHERE id = :id"
            + " AND status = 'PAUSED'")
        .param("id", batchId).update() == 1;
    if (resumed) {
      closeIfDone(batchId);
    }
    return resumed;
  }

  /**
   * Any state before approval → CANCELLED; its rows still to generate end as CANCELLED (reported, not dropped).
   * {@code false}: it was approved, rejected, delivered or cancelled already.
   */
  public boolean cancel(long batchId, String by) {
    Timestamp now = Timestamp.from(clock.instant());
    int cancelled = jdbc.sql("""
            UPDATE document_batch SET status = 'CANCELLED', cancelled_at = :now, cancelled_by = :by
            WHERE id = :id AND status IN ('RECEIVING', 'READY', 'RUNNING', 'PAUSED', 'GENERATED')""")
        .param("now", now).param("by", by).param("id", batchId).update();
    if (cancelled == 0) {
      return false;
    }
    // a row claimed right now keeps its claim: its node's write is fenced by claimed_by and still lands
    jdbc.sql("""
            UPDATE document_row SET status = 'CANCELLED', finished_at = :now, error = 'batch cancelled'
            WHERE batch_id = :id AND status = 'PENDING'""")
        .param("now", now).param("id", batchId).update();
    return true;
  }

  public Optional<DocumentBatch> find(long batchId) {
    return jdbc.sql("SELECT * FROM document_batch WHERE id = :id").param("id", batchId)
        .query((rs, row) -> batch(rs)).optional();
  }

  /**
   * When no row of a running batch is pending or claimed: the counts, tokens and cost from its rows, status
   * GENERATED and the event, once.
   */
  boolean closeIfDone(long batchId) {
    boolean open = jdbc.sql("SELECT id FROM document_row WHERE batch_id = :id AND status IN ('PENDING', 'CLAIMED')"
            + " LIMIT 1")
        .param("id", batchId).query(Long.class).optional().isPresent();
    if (open) {
      return false;
    }
    record Totals(int generated, int flagged, int failed, int calls, int cached, long prompt, long completion,
        double priceFactor) {}
    Totals totals = jdbc.sql("""
            SELECT COALESCE(SUM(CASE WHEN status = 'GENERATED' THEN 1 ELSE 0 END), 0) AS generated,
                   COALESCE(SUM(CASE WHEN status = 'GENERATED' AND NOT checks_passed THEN 1 ELSE 0 END), 0) AS flagged,
                   COALESCE(SUM(CASE WHEN status IN ('FAILED', 'REJECTED_INPUT') THEN 1 ELSE 0 END), 0) AS failed,
                   COALESCE(SUM(llm_calls), 0) AS calls, COALESCE(SUM(cached_calls), 0) AS cached,
                   COALESCE(SUM(prompt_tokens), 0) AS prompt, COALESCE(SUM(completion_tokens), 0) AS completion,
                   (SELECT price_factor FROM document_batch WHERE id = :id) AS price_factor
            FROM document_row WHERE batch_id = :id""")
        .param("id", batchId)
        .query((rs, row) -> new Totals(rs.getInt("generated"), rs.getInt("flagged"), rs.getInt("failed"),
            rs.getInt("calls"), rs.getInt("cached"), rs.getLong("prompt"), rs.getLong("completion"),
            rs.getDouble("price_factor")))
        .single();
    // price_factor: below 1 for tokens bought through the OpenAI Batch API (economy mode, EconomyGeneration)
    long cost = Math.round((totals.prompt() * properties.promptPricePerMillion()
        + totals.completion() * properties.completionPricePerMillion()) * totals.priceFactor());
    int closed = jdbc.sql("""
            UPDATE document_batch SET status = 'GENERATED', finished_at = :now, rows_generated = :generated,
                   rows_flagged = :flagged, rows_failed = :failed, llm_calls = :calls, cached_calls = :cached,
                   prompt_tokens = :prompt, completion_tokens = :completion, cost_micros = :cost
            WHERE id = :id AND status = 'RUNNING'""")
        .param("now", Timestamp.from(clock.instant())).param("generated", totals.generated())
        .param("flagged", totals.flagged()).param("failed", totals.failed()).param("calls", totals.calls())
        .param("cached", totals.cached()).param("prompt", totals.prompt()).param("completion", totals.completion())
        .param("cost", cost).param("id", batchId).update();
    if (closed == 1) {
      events.publishEvent(new BatchGenerated(batchId));
      return true;
    }
    return false;
  }

  /** Running batches none of whose rows is pending or claimed: closed by an idle worker's sweep. */
  java.util.List<Long> runningWithoutOpenRows() {
    return jdbc.sql("""
            SELECT b.id FROM document_batch b WHERE b.status = 'RUNNING' AND NOT EXISTS (
              SELECT 1 FROM document_row r WHERE r.batch_id = b.id AND r.status IN ('PENDING', 'CLAIMED'))""")
        .query(Long.class).list();
  }

  private static DocumentBatch batch(ResultSet rs) throws SQLException {
    return new DocumentBatch(rs.getLong("id"), rs.getLong("template_version_id"), rs.getString("model"),
        DocumentBatch.Status.valueOf(rs.getString("status")), rs.getString("requested_by"), rs.getInt("rows_total"),
        rs.getInt("rows_rejected"), rs.getInt("rows_generated"), rs.getInt("rows_flagged"), rs.getInt("rows_failed"),
        rs.getInt("llm_calls"), rs.getInt("cached_calls"), rs.getLong("prompt_tokens"),
        rs.getLong("completion_tokens"), rs.getLong("cost_micros"), instant(rs, "created_at"),
        instant(rs, "started_at"), instant(rs, "finished_at"),
        rs.getString("requester_email") == null ? null : new DocumentBatch.Requester(rs.getString("requester_name"),
            rs.getString("requester_email"), java.util.Locale.forLanguageTag(rs.getString("requester_locale"))),
        DocumentBatch.Mode.valueOf(rs.getString("mode")), rs.getInt("review_round"), instant(rs, "paused_at"),
        instant(rs, "cancelled_at"), instant(rs, "delivered_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
