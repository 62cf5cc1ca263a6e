package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables as economy mode uses them: a lease on the batch (one node works on a batch's submission at a time,
 * {@code economy_owner} / {@code economy_lease_until}), the submission's state in V37's {@code economy_*} columns,
 * and the rows in it. A row in a submission is {@code CLAIMED} by {@link #owner(long)} of its batch, not by a node:
 * the OpenAI batch holds it, whichever node polls; the worker never claims rows of an economy batch. The generation
 * worker's own queries ({@link DocumentRows}) are unchanged; rows are finished with its fenced writes.
 */
@Component
class EconomyRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() {};

  /** An economy batch and its submission: the input file, the OpenAI batch, its last status and when it was asked. */
  record State(long batchId, DocumentBatch.Status status, long templateVersionId, String model, String inputFile,
      String openAiBatch, String economyStatus, Instant polledAt) {}

  /** A row to send or to collect. */
  record Row(long id, int line, Map<String, String> values, String idempotencyKey, String reviewComment,
      String status, int sends) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  EconomyRows(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** {@code claimed_by} of the rows in a batch's submission. */
  static String owner(long batchId) {
    return "economy-" + batchId;
  }

  /** Economy batches with rows to generate, or with a submission to follow up. */
  List<Long> candidates() {
    return jdbc.sql("""
            SELECT id FROM document_batch
            WHERE mode = 'ECONOMY' AND (status = 'RUNNING' OR economy_status IS NOT NULL) ORDER BY id""")
        .query(Long.class).list();
  }

  /** The batch is this node's for {@code lease} unless another node holds it. */
  boolean lease(long batchId, String node, Duration lease) {
    Instant now = clock.instant();
    return jdbc.sql("""
            UPDATE document_batch SET economy_owner = :node, economy_lease_until = :until
            WHERE id = :id AND mode = 'ECONOMY'
              AND (economy_owner IS NULL OR economy_owner = :node OR economy_lease_until < :now)""")
        .param("node", node).param("until", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now))
        .param("id", batchId).update() == 1;
  }

  void release(long batchId, String node) {
    jdbc.sql("""
            UPDATE document_batch SET economy_owner = NULL, economy_lease_until = NULL
            WHERE id = :id AND economy_owner = :node""")
        .param("id", batchId).param("node", node).update();
  }

  Optional<State> state(long batchId) {
    return jdbc.sql("""
            SELECT id, status, template_version_id, model, economy_input_file, economy_batch, economy_status,
                   economy_polled_at
            FROM document_batch WHERE id = :id""")
        .param("id", batchId).query((rs, n) -> state(rs)).optional();
  }

  /**
   * Writes the submission's state, if this node still holds the batch.
   *
   * @return {@code false}: the lease ran out and another node took the batch
   */
  boolean save(long batchId, String node, String inputFile, String openAiBatch, String status, Instant polledAt) {
    return jdbc.sql("""
            UPDATE document_batch SET economy_input_file = :file, economy_batch = :batch, economy_status = :status,
                   economy_polled_at = :polled
            WHERE id = :id AND economy_owner = :node""")
        .param("file", inputFile).param("batch", openAiBatch).param("status", status)
        .param("polled", polledAt == null ? null : Timestamp.from(polledAt)).param("id", batchId).param("node", node)
        .update() == 1;
  }

  /** A request about the batch was made (or failed) now: the next waits for the poll interval. */
  void polled(long batchId, String node) {
    jdbc.sql("UPDATE document_batch SET economy_polled_at = :now WHERE id = :id AND economy_owner = :node")
        .param("now", Timestamp.from(clock.instant())).param("id", batchId).param("node", node).update();
  }

  void priceFactor(long batchId, double factor) {
    jdbc.sql("UPDATE document_batch SET price_factor = :f WHERE id = :id").param("f", factor).param("id", batchId)
        .update();
  }

  /** Rows to put in a submission, by line after {@code afterLine}: pending, or in a submission never uploaded. */
  List<Row> toSubmit(long batchId, int afterLine, int limit) {
    return jdbc.sql("""
            SELECT id, line_number, input_json, idempotency_key, review_comment, status, economy_sends
            FROM document_row
            WHERE batch_id = :b AND line_number > :after
              AND (status = 'PENDING' OR (status = 'CLAIMED' AND claimed_by = :owner))
            ORDER BY line_number LIMIT :limit""")
        .param("b", batchId).param("after", afterLine).param("owner", owner(batchId)).param("limit", limit)
        .query((rs, n) -> row(rs)).list();
  }

  /** The rows of the batch's submission, by line after {@code afterLine}. */
  List<Row> inSubmission(long batchId, int afterLine, int limit) {
    return jdbc.sql("""
            SELECT id, line_number, input_json, idempotency_key, review_comment, status, economy_sends
            FROM document_row
            WHERE batch_id = :b AND line_number > :after AND status = 'CLAIMED' AND claimed_by = :owner
            ORDER BY line_number LIMIT :limit""")
        .param("b", batchId).param("after", afterLine).param("owner", owner(batchId)).param("limit", limit)
        .query((rs, n) -> row(rs)).list();
  }

  /**
   * Puts pending rows in the batch's submission, counting the send.
   *
   * @return the ids among {@code ids} that are in the submission now
   */
  Set<Long> claim(long batchId, Collection<Long> ids, Duration hold) {
    if (ids.isEmpty()) {
      return new HashSet<>();
    }
    jdbc.sql("""
            UPDATE document_row SET status = 'CLAIMED', claimed_by = :owner, claimed_until = :until,
                   attempts = attempts + 1, economy_sends = economy_sends + 1
            WHERE id IN (:ids) AND batch_id = :b AND status = 'PENDING'""")
        .param("owner", owner(batchId)).param("until", Timestamp.from(clock.instant().plus(hold)))
        .param("ids", ids).param("b", batchId).update();
    return new HashSet<>(jdbc.sql("""
            SELECT id FROM document_row WHERE id IN (:ids) AND status = 'CLAIMED' AND claimed_by = :owner""")
        .param("ids", ids).param("owner", owner(batchId)).query(Long.class).list());
  }

  /**
   * Back to pending, out of the submission.
   *
   * @param counted {@code false}: the send does not count against the row (its batch was paused, or the OpenAI
   *     batch cancelled); {@code true}: it went unanswered
   */
  boolean unclaim(long batchId, long rowId, boolean counted) {
    return jdbc.sql("""
            UPDATE document_row SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL,
                   economy_sends = CASE WHEN :counted THEN economy_sends ELSE GREATEST(economy_sends - 1, 0) END
            WHERE id = :id AND status = 'CLAIMED' AND claimed_by = :owner""")
        .param("counted", counted).param("id", rowId).param("owner", owner(batchId)).update() == 1;
  }

  /** Rows of a submission that stopped growing before their line (the file was full): pending again, uncounted. */
  int unclaimAfter(long batchId, int afterLine) {
    return jdbc.sql("""
            UPDATE document_row SET status = 'PENDING', claimed_by = NULL, claimed_until = NULL,
                   economy_sends = GREATEST(economy_sends - 1, 0)
            WHERE batch_id = :b AND line_number > :after AND status = 'CLAIMED' AND claimed_by = :owner""")
        .param("b", batchId).param("after", afterLine).param("owner", owner(batchId)).update();
  }

  /** Every row of the submission, when its batch is paused: pending again, uncounted. */
  int unclaimAll(long batchId) {
    return unclaimAfter(batchId, Integer.MIN_VALUE);
  }

  /** The rows of a cancelled batch's submission end as the batch's other open rows did. */
  int cancel(long batchId) {
    return jdbc.sql("""
            UPDATE document_row SET status = 'CANCELLED', finished_at = :now, error = 'batch cancelled',
                   claimed_by = NULL, claimed_until = NULL
            WHERE batch_id = :b AND status = 'CLAIMED' AND claimed_by = :owner""")
        .param("now", Timestamp.from(clock.instant())).param("b", batchId).param("owner", owner(batchId)).update();
  }

  /** A finished row starts from zero sends if it is regenerated after review. */
  void resetSends(long batchId) {
    jdbc.sql("""
            UPDATE document_row SET economy_sends = 0
            WHERE batch_id = :b AND economy_sends > 0 AND status NOT IN ('PENDING', 'CLAIMED')""")
        .param("b", batchId).update();
  }

  /** The cached answers among {@code keys}, in one query. */
  Map<String, DocumentModel.Answer> cached(Collection<String> keys) {
    Map<String, DocumentModel.Answer> answers = new HashMap<>();
    if (keys.isEmpty()) {
      return answers;
    }
    jdbc.sql("""
            SELECT cache_key, output, model, prompt_tokens, completion_tokens FROM document_llm_cache
            WHERE cache_key IN (:keys)""")
        .param("keys", keys)
        .query(rs -> {
          answers.put(rs.getString(1),
              new DocumentModel.Answer(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
        });
    return answers;
  }

  private static State state(ResultSet rs) throws SQLException {
    Timestamp polled = rs.getTimestamp("economy_polled_at");
    return new State(rs.getLong("id"), DocumentBatch.Status.valueOf(rs.getString("status")),
        rs.getLong("template_version_id"), rs.getString("model"), rs.getString("economy_input_file"),
        rs.getString("economy_batch"), rs.getString("economy_status"), polled == null ? null : polled.toInstant());
  }

  private static Row row(ResultSet rs) throws SQLException {
    try {
      return new Row(rs.getLong("id"), rs.getInt("line_number"), JSON.readValue(rs.getString("input_json"), ROW),
          rs.getString("idempotency_key"), rs.getString("review_comment"), rs.getString("status"),
          rs.getInt("economy_sends"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable input_json in document_row", e);
    }
  }
}
