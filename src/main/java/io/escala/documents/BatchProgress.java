package io.escala.documents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A batch's progress while it runs, from its rows (the batch row's totals are only written when it closes): one
 * aggregate over the batch's rows, cheap on the (batch_id, status, line_number) index.
 */
@Component
public class BatchProgress {

  /**
   * @param total rows accepted by the intake (every one ends generated, failed or cancelled)
   * @param rejectedInput rows the intake refused (error report)
   * @param generated documents written, {@code flagged} of them failed an automatic check
   * @param failed rows that ended without a document (LLM failure, unusable input)
   * @param cancelled rows not generated because the batch was cancelled
   * @param ratePerMinute rows finished per minute over the last window, or since the start when it is younger
   * @param etaSeconds time to finish the remaining rows at that rate; {@code null}: not running or no rate yet
   */
  public record Progress(long batchId, DocumentBatch.Status status, int total, int rejectedInput, int generated,
      int flagged, int failed, int cancelled, int remaining, int llmCalls, int cachedCalls, long promptTokens,
      long completionTokens, double costUsd, double ratePerMinute, Long etaSeconds) {

    public int done() {
      return generated + failed + cancelled;
    }

    /** Whole percent of the rows done, 0 for an empty batch. */
    public int percent() {
      return total == 0 ? 0 : (int) Math.min(100, Math.floor(done() * 100.0 / total));
    }

    /** Whether the numbers can still change. */
    public boolean open() {
      return status == DocumentBatch.Status.RECEIVING || status == DocumentBatch.Status.READY
          || status == DocumentBatch.Status.RUNNING || status == DocumentBatch.Status.PAUSED;
    }
  }

  private final JdbcClient jdbc;
  private final DocumentBatches batches;
  private final DocumentsProperties prices;
  private final DocumentStaffProperties properties;
  private final Clock clock;

  public BatchProgress(JdbcClient jdbc, DocumentBatches batches, DocumentsProperties prices,
      DocumentStaffProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.prices = prices;
    this.properties = properties;
    this.clock = clock;
  }

  public Optional<Progress> of(long batchId) {
    return batches.find(batchId).map(this::of);
  }

  public Progress of(DocumentBatch batch) {
    Instant now = clock.instant();
    Instant start = batch.startedAt() == null ? now : batch.startedAt();
    Instant windowStart = now.minus(properties.rateWindow());
    boolean young = start.isAfter(windowStart);
    Instant since = young ? start : windowStart;
    record Counts(int total, int generated, int flagged, int failed, int cancelled, int open, int recent, int calls,
        int cached, long prompt, long completion) {}
    Counts counts = jdbc.sql("""
            SELECT COUNT(*) AS total,
                   COALESCE(SUM(CASE WHEN status = 'GENERATED' THEN 1 ELSE 0 END), 0) AS generated,
                   COALESCE(SUM(CASE WHEN status = 'GENERATED' AND NOT checks_passed THEN 1 ELSE 0 END), 0) AS flagged,
                   COALESCE(SUM(CASE WHEN status IN ('FAILED', 'REJECTED_INPUT') THEN 1 ELSE 0 END), 0) AS failed,
                   COALESCE(SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END), 0) AS cancelled,
                   COALESCE(SUM(CASE WHEN status IN ('PENDING', 'CLAIMED') THEN 1 ELSE 0 END), 0) AS open_rows,
                   COALESCE(SUM(CASE WHEN status IN ('GENERATED', 'FAILED', 'REJECTED_INPUT') AND finished_at >= :since
                                THEN 1 ELSE 0 END), 0) AS recent,
                   COALESCE(SUM(llm_calls), 0) AS calls, COALESCE(SUM(cached_calls), 0) AS cached,
                   COALESCE(SUM(prompt_tokens), 0) AS prompt, COALESCE(SUM(completion_tokens), 0) AS completion
            FROM document_row WHERE batch_id = :id""")
        .param("id", batch.id()).param("since", Timestamp.from(since))
        .query((rs, row) -> new Counts(rs.getInt("total"), rs.getInt("generated"), rs.getInt("flagged"),
            rs.getInt("failed"), rs.getInt("cancelled"), rs.getInt("open_rows"), rs.getInt("recent"),
            rs.getInt("calls"), rs.getInt("cached"), rs.getLong("prompt"), rs.getLong("completion")))
        .single();
    int rejectedInput = jdbc.sql("SELECT COUNT(*) FROM document_input_error WHERE batch_id = :id")
        .param("id", batch.id()).query(Integer.class).single();
    double minutes = Math.max(Duration.between(since, now).toMillis(), 1_000) / 60_000.0;
    double rate = batch.startedAt() == null ? 0 : counts.recent() / minutes;
    Long eta = batch.status() == DocumentBatch.Status.RUNNING && rate > 0 && counts.open() > 0
        ? Math.round(counts.open() / rate * 60) : null;
    double cost = (counts.prompt() * prices.promptPricePerMillion()
        + counts.completion() * prices.completionPricePerMillion()) / 1_000_000.0;
    return new Progress(batch.id(), batch.status(), counts.total(), rejectedInput, counts.generated(),
        counts.flagged(), counts.failed(), counts.cancelled(), counts.open(), counts.calls(), counts.cached(),
        counts.prompt(), counts.completion(), cost, Math.round(rate * 10) / 10.0, eta);
  }
}
