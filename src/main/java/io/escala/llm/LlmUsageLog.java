package io.escala.llm;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/** Table {@code llm_usage}: what each call cost, for the staff pages and for tests. */
@Repository
public class LlmUsageLog {

  private static final Logger log = LoggerFactory.getLogger(LlmUsageLog.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  public LlmUsageLog(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    // The tokens were spent even if the job that asked for them rolls back, so the record commits on its own.
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Never fails the caller: a lost usage row is better than a second, paid LLM call on job retry. */
  public void record(LlmCall call) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql("""
              INSERT INTO llm_usage (task_id, correlation_id, model, generated_by, attempts,
                                     prompt_tokens, completion_tokens, outcome)
              VALUES (:taskId, :correlationId, :model, :generatedBy, :attempts,
                      :promptTokens, :completionTokens, :outcome)""")
          .param("taskId", call.taskId())
          .param("correlationId", call.correlationId())
          .param("model", call.model())
          .param("generatedBy", call.generatedBy())
          .param("attempts", call.attempts())
          .param("promptTokens", call.promptTokens())
          .param("completionTokens", call.completionTokens())
          .param("outcome", call.outcome().name())
          .update());
    } catch (DataAccessException | TransactionException e) {
      log.warn("Could not record LLM usage of task {} ({}): {}", call.taskId(), call.outcome(), e.toString());
    }
  }

  public LlmUsage totalsFor(String taskId) {
    return jdbc.sql("""
            SELECT COUNT(*) AS calls,
                   COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,
                   COALESCE(SUM(completion_tokens), 0) AS completion_tokens
            FROM llm_usage WHERE task_id = :taskId""")
        .param("taskId", taskId)
        .query((rs, row) -> new LlmUsage(taskId, rs.getLong("calls"), rs.getLong("prompt_tokens"),
            rs.getLong("completion_tokens")))
        .single();
  }

  public List<LlmUsage> totalsPerTask() {
    return jdbc.sql("""
            SELECT task_id, COUNT(*) AS calls,
                   COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,
                   COALESCE(SUM(completion_tokens), 0) AS completion_tokens
            FROM llm_usage GROUP BY task_id ORDER BY task_id""")
        .query((rs, row) -> new LlmUsage(rs.getString("task_id"), rs.getLong("calls"), rs.getLong("prompt_tokens"),
            rs.getLong("completion_tokens")))
        .list();
  }

  /** The calls of one case (correlation id = process instance id), oldest first. */
  public List<LlmCall> callsOf(String correlationId) {
    return jdbc.sql("""
            SELECT task_id, correlation_id, model, generated_by, attempts, prompt_tokens, completion_tokens, outcome
            FROM llm_usage WHERE correlation_id = :correlationId ORDER BY id""")
        .param("correlationId", correlationId)
        .query((rs, row) -> new LlmCall(rs.getString("task_id"), rs.getString("correlation_id"), rs.getString("model"),
            rs.getString("generated_by"), rs.getInt("attempts"), rs.getLong("prompt_tokens"),
            rs.getLong("completion_tokens"), LlmCallOutcome.valueOf(rs.getString("outcome"))))
        .list();
  }
}
