package io.escala.llm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code llm_answer}: the validated answer of an LLM step, so that a retry of the job (the e-mail after it
 * failed, the CRM was down) gets the same answer without a second, paid call.
 *
 * <p>The row is written in a transaction of its own, because the job's transaction rolls back when the job fails.
 * When the job's transaction commits, the answer has done its work and the row is deleted; rows of jobs that never
 * succeed are purged after {@code escala.llm.answer-cache-retention}.
 */
@Repository
public class LlmAnswerCache {

  private static final Logger log = LoggerFactory.getLogger(LlmAnswerCache.class);

  /** The step and the exact request: the key of one cached answer. */
  public record StepRequest(String stepKey, String processInstanceId, String requestSha256) {}

  public record CachedAnswer(String answerJson, String model) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration retention;
  private final CurrentStep currentStep;

  @Autowired
  public LlmAnswerCache(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
      LlmProperties properties) {
    this(jdbc, transactionManager, clock, properties.answerCacheRetention(), CurrentStep.CAMUNDA);
  }

  LlmAnswerCache(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, Duration retention,
      CurrentStep currentStep) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.retention = retention;
    this.currentStep = currentStep;
  }

  /** @return empty outside a BPMN step: a call from a web request has no retry to save */
  public Optional<StepRequest> stepRequest(String taskId, byte[] requestBody) {
    return currentStep.of(taskId)
        .map(step -> new StepRequest(step.key(), step.processInstanceId(), sha256(requestBody)));
  }

  /** A lookup that fails is a miss: paying twice is better than failing the step. */
  public Optional<CachedAnswer> find(StepRequest request) {
    try {
      return jdbc.sql("""
              SELECT answer_json, model FROM llm_answer
              WHERE step_key = :stepKey AND request_sha256 = :hash""")
          .param("stepKey", request.stepKey())
          .param("hash", request.requestSha256())
          .query((rs, row) -> new CachedAnswer(rs.getString("answer_json"), rs.getString("model")))
          .optional();
    } catch (DataAccessException e) {
      log.warn("Could not read a cached LLM answer of step {}: {}", request.stepKey(), e.toString());
      return Optional.empty();
    }
  }

  /** Stores the answer now, for a retry; forgets it once the surrounding transaction (the job's) commits. */
  public void remember(StepRequest request, String taskId, String model, String answerJson) {
    try {
      ownTransaction.executeWithoutResult(status -> {
        jdbc.sql("DELETE FROM llm_answer WHERE created_at < :before")
            .param("before", Timestamp.from(clock.instant().minus(retention)))
            .update();
        jdbc.sql("""
                INSERT INTO llm_answer (step_key, request_sha256, process_instance_id, task_id, model, answer_json,
                                        created_at)
                VALUES (:stepKey, :hash, :processInstanceId, :taskId, :model, :answer, :createdAt)""")
            .param("stepKey", request.stepKey())
            .param("hash", request.requestSha256())
            .param("processInstanceId", request.processInstanceId())
            .param("taskId", taskId)
            .param("model", model)
            .param("answer", answerJson)
            .param("createdAt", Timestamp.from(clock.instant()))
            .update();
      });
    } catch (DuplicateKeyException e) {
      // Another attempt stored the same request first; its answer is as good as this one.
    } catch (DataAccessException | TransactionException e) {
      log.warn("Could not cache the LLM answer of step {}: {}", request.stepKey(), e.toString());
      return;
    }
    forgetOnCommit(request);
  }

  /** Once the job's transaction commits, its answer has done its work; a rollback keeps it for the retry. */
  public void forgetOnCommit(StepRequest request) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          forget(request);
        }
      });
    }
  }

  /** For erasure: the cached answers of one case. */
  public int forgetCase(String processInstanceId) {
    return jdbc.sql("DELETE FROM llm_answer WHERE process_instance_id = :processInstanceId")
        .param("processInstanceId", processInstanceId)
        .update();
  }

  private void forget(StepRequest request) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
              "DELETE FROM llm_answer WHERE step_key = :stepKey AND request_sha256 = :hash")
          .param("stepKey", request.stepKey())
          .param("hash", request.requestSha256())
          .update());
    } catch (DataAccessException | TransactionException e) {
      log.warn("Could not delete the cached LLM answer of step {}: {}", request.stepKey(), e.toString());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
