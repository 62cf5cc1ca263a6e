package io.escala.leads;

import io.escala.llm.Generated;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code lead_need_analysis}: the latest need analysis of each lead. The need analysis is a paid LLM call and
 * anybody can submit the form again and again: within {@link #REUSE_FOR} the stored analysis is used instead.
 */
@Repository
public class NeedAnalyses {

  static final Duration REUSE_FOR = Duration.ofDays(1);

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public NeedAnalyses(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    // On PostgreSQL a failed insert aborts the surrounding transaction; a savepoint keeps the caller's one usable.
    this.savepoint = new TransactionTemplate(transactionManager);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * The analysis made after {@code now - REUSE_FOR}, if any. Locks the lead's row until the caller's transaction
   * ends, so a second analysis of the same address waits for the first and then reuses it.
   */
  public Optional<Generated<LeadNeedTask.NeedAnalysis>> lockRecent(String leadKey, Instant now) {
    String key = LeadKeys.of(leadKey);
    if (jdbc.sql("SELECT COUNT(*) FROM lead_need_analysis WHERE lead_key = :key").param("key", key)
        .query(Long.class).single() == 0) {
      try {
        savepoint.executeWithoutResult(status -> jdbc.sql("INSERT INTO lead_need_analysis (lead_key) VALUES (:key)")
            .param("key", key).update());
      } catch (DuplicateKeyException insertedConcurrently) {
        // the other one's row is locked below like any other
      }
    }
    record Row(String category, String urgency, String summary, String generatedBy, OffsetDateTime analyzedAt) {}
    Row stored = jdbc.sql("SELECT category, urgency, summary, generated_by, analyzed_at FROM lead_need_analysis"
            + " WHERE lead_key = :key FOR UPDATE")
        .param("key", key)
        .query((rs, row) -> new Row(rs.getString("category"), rs.getString("urgency"), rs.getString("summary"),
            rs.getString("generated_by"), rs.getObject("analyzed_at", OffsetDateTime.class)))
        .single();
    if (stored.analyzedAt() == null || !stored.analyzedAt().toInstant().isAfter(now.minus(REUSE_FOR))) {
      return Optional.empty();
    }
    return Optional.of(new Generated<>(new LeadNeedTask.NeedAnalysis(stored.category(), stored.urgency(),
        stored.summary()), stored.generatedBy(), null));
  }

  public void store(String leadKey, Generated<LeadNeedTask.NeedAnalysis> analysis, Instant at) {
    jdbc.sql("UPDATE lead_need_analysis SET category = :category, urgency = :urgency, summary = :summary,"
            + " generated_by = :generatedBy, analyzed_at = :at WHERE lead_key = :key")
        .param("category", analysis.value().category())
        .param("urgency", analysis.value().urgency())
        .param("summary", analysis.value().summary())
        .param("generatedBy", analysis.generatedBy())
        .param("at", at.atOffset(ZoneOffset.UTC))
        .param("key", LeadKeys.of(leadKey))
        .update();
  }

  /** Erasure. */
  public void delete(String leadKey) {
    jdbc.sql("DELETE FROM lead_need_analysis WHERE lead_key = :key").param("key", LeadKeys.of(leadKey)).update();
  }
}
