package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The row table as the workers use it. A claim is {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 both
 * have it) then a lease; every later write is fenced by {@code claimed_by}, so a node whose lease ran out and whose
 * row was taken over cannot overwrite the new owner's result.
 */
@Component
public class DocumentRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() {};

  /** A row this node holds. */
  record ClaimedRow(long id, long batchId, long templateVersionId, String model, int line, Map<String, String> values,
      String idempotencyKey, int attempts, Instant leaseUntil, String reviewComment) {}

  /** What generating a row cost. */
  record Usage(int llmCalls, int cachedCalls, int promptTokens, int completionTokens) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public DocumentRows(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Up to {@code limit} rows of running batches that are pending, or claimed by a node whose lease ran out. */
  List<ClaimedRow> claim(String node, int limit, Duration lease) {
    Instant now = clock.instant();
    Instant until = now.plus(lease);
    List<Long> ids = transaction.execute(status -> {
      List<Long> locked = jdbc.sql("""
              SELECT id FROM document_row
              WHERE batch_id IN (SELECT id FROM document_batch WHERE status = 'RUNNING' AND mode = 'STANDARD')
                AND (status = 'PENDING' OR (status = 'CLAIMED' AND claimed_until < :now))
              ORDER BY batch_id, line_number
              LIMIT :limit
              FOR UPDATE SKIP LOCKED""")
          .param("now", Timestamp.from(now)).param("limit", limit)
          .query(Long.class).list();
      if (!locked.isEmpty()) {
        jdbc.sql("""
                UPDATE document_row SET status = 'CLAIMED', claimed_by = :node, claimed_until = :until,
                       attempts = attempts + 1
                WHERE id IN (:ids)""")
            .param("node", node).param("until", Timestamp.from(until)).param("ids", locked)
            .update();
      }
      return locked;
    });
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT r.id, r.batch_id, b.template_version_id, b.model, r.line_number, r.input_json, r.idempotency_key,
                   r.attempts, r.review_comment
            FROM document_row r JOIN document_batch b ON b.id = r.batch_id
            WHERE r.id IN (:ids) ORDER BY r.line_number""")
        .param("ids", ids)
        .query((rs, n) -> new ClaimedRow(rs.getLong("id"), rs.getLong("batch_id"), rs.getLong("template_version_id"),
            rs.getString("model"), rs.getInt("line_number"), values(rs.getString("input_json")),
            rs.getString("idempotency_key"), rs.getInt("attempts"), until, rs.getString("review_comment")))
        .list();
  }

  /** @return {@code false}: the row is no longer this node's (its lease ran out and another node took it) */
  boolean renewLease(long rowId, String node, Duration lease) {
    return jdbc.sql("""
            UPDATE document_row SET claimed_until = :until
            WHERE id = :id AND status = 'CLAIMED' AND claimed_by = :node""")
        .param("until", Timestamp.from(clock.instant().plus(lease))).param("id", rowId).param("node", node)
        .update() == 1;
  }

  boolean generated(long rowId, String node, String document, List<CheckResult> failures, String promptHash,
      Usage usage) {
    return finish(rowId, node, "GENERATED", document, failures, promptHash, null, usage);
  }

  boolean failed(long rowId, String node, String error, Usage usage) {
    return finish(rowId, node, "FAILED", null, null, null, error, usage);
  }

  boolean rejected(long rowId, String node, String error) {
    return finish(rowId, node, "REJECTED_INPUT", null, null, null, error, new Usage(0, 0, 0, 0));
  }

  /** The cost of calls made for a row this node gives up without finishing it. */
  void addUsage(long rowId, String node, Usage usage) {
    if (usage.llmCalls() == 0 && usage.cachedCalls() == 0) {
      return;
    }
    jdbc.sql("""
            UPDATE document_row SET llm_calls = llm_calls + :calls, cached_calls = cached_calls + :cached,
                   prompt_tokens = prompt_tokens + :prompt, completion_tokens = completion_tokens + :completion
            WHERE id = :id AND status = 'CLAIMED' AND claimed_by = :node""")
        .param("calls", usage.llmCalls()).param("cached", usage.cachedCalls())
        .param("prompt", usage.promptTokens()).param("completion", usage.completionTokens())
        .param("id", rowId).param("node", node).update();
  }

  private boolean finish(long rowId, String node, String status, String document, List<CheckResult> failures,
      String promptHash, String error, Usage usage) {
    return jdbc.sql("""
            UPDATE document_row SET status = :status, output = :output, check_results = :checks,
                   checks_passed = :passed, prompt_hash = :hash, error = :error, llm_calls = llm_calls + :calls,
                   cached_calls = cached_calls + :cached, prompt_tokens = prompt_tokens + :prompt,
                   completion_tokens = completion_tokens + :completion, finished_at = :now, claimed_by = NULL,
                   claimed_until = NULL
            WHERE id = :id AND status = 'CLAIMED' AND claimed_by = :node""")
        .param("status", status).param("output", document)
        .param("checks", failures == null ? null : json(failures))
        .param("passed", failures == null ? null : failures.isEmpty()).param("hash", promptHash)
        .param("error", error == null ? null : (error.length() > 1000 ? error.substring(0, 1000) : error))
        .param("calls", usage.llmCalls()).param("cached", usage.cachedCalls())
        .param("prompt", usage.promptTokens()).param("completion", usage.completionTokens())
        .param("now", Timestamp.from(clock.instant())).param("id", rowId).param("node", node)
        .update() == 1;
  }

  /** Every row of a batch by line, for the leak check. */
  Map<Integer, Map<String, String>> inputs(long batchId) {
    Map<Integer, Map<String, String>> rows = new HashMap<>();
    jdbc.sql("SELECT line_number, input_json FROM document_row WHERE batch_id = :b").param("b", batchId)
        .query(rs -> {
          rows.put(rs.getInt(1), values(rs.getString(2)));
        });
    return rows;
  }

  Optional<DocumentModel.Answer> cached(String key) {
    return jdbc.sql("SELECT output, model, prompt_tokens, completion_tokens FROM document_llm_cache"
            + " WHERE cache_key = :k")
        .param("k", key)
        .query((rs, n) -> new DocumentModel.Answer(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)))
        .optional();
  }

  /** Stored before the row is marked done (autocommit: it survives whatever happens to the row next). */
  void cache(String key, DocumentModel.Answer answer) {
    try {
      jdbc.sql("""
              INSERT INTO document_llm_cache (cache_key, model, output, prompt_tokens, completion_tokens, created_at)
              VALUES (:k, :model, :output, :prompt, :completion, :now)""")
          .param("k", key).param("model", answer.model() == null ? "" : answer.model())
          .param("output", answer.text()).param("prompt", answer.promptTokens())
          .param("completion", answer.completionTokens()).param("now", Timestamp.from(clock.instant()))
          .update();
    } catch (DuplicateKeyException e) {
      // the same request answered on another node: either answer is the row's
    }
  }

  private static Map<String, String> values(String json) {
    try {
      return JSON.readValue(json, ROW);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable input_json in document_row", e);
    }
  }

  private static String json(List<CheckResult> failures) {
    try {
      return JSON.writeValueAsString(failures);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
