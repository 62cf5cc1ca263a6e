package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approval of a batch by sampling, in rounds. Each round (the batch's {@code review_round}: 0 for the first
 * generation, one more per regeneration) has a sample in {@code document_review}: a random draw of the documents
 * generated in that round plus every one of them that failed an automatic check, in one shuffled order. Reviewers
 * approve or reject each (a rejection says why); {@link #settle} then approves the batch, asks for a regeneration
 * (rejection rate above {@code escala.documents.review.max-rejection-percent}, rounds left) or rejects it; a
 * regeneration ({@link #regenerate}) puts the rejected documents, or all of them, back to the workers with the
 * reviewers' comments for their prompt.
 *
 * <p><b>Which documents are delivered</b> after approval: every {@code GENERATED} row except those rejected in the
 * review of the round that generated them, i.e. {@code NOT} {@link #REJECTED_IN_REVIEW} (a row rejected in round 0
 * and regenerated in round 1 counts by its round-1 review, or is delivered if round 1 did not sample it).
 *
 * <p>Every method runs in one transaction (joining the caller's, e.g. a job's) and is safe to repeat: a retried job
 * changes nothing the first run did.
 */
@Component
public class SampleReview {

  /** A reviewer's verdict on one document of the sample. */
  public enum Decision { APPROVED, REJECTED }

  /** What a finished (or unfinished) round leads to. */
  public enum Outcome {
    /** documents of the sample are still undecided (or the sample is not drawn yet) */
    INCOMPLETE,
    /** rejection rate within the threshold: the batch is approved, the rejected documents are left out */
    APPROVED,
    /** above the threshold with rounds left: regenerate (the reviewer's scope) and review again */
    REGENERATE,
    /** above the threshold and no round left */
    REJECTED
  }

  /** What a regeneration redoes: the sample's rejected documents, or every document of the batch. */
  public enum Scope { REJECTED, ALL }

  /** Longest comment a reviewer may write (the column's size). */
  public static final int MAX_COMMENT = 4000;

  /**
   * SQL condition on a {@code document_row r}: the row was rejected in the review of the round that generated it.
   * Delivery leaves these rows out.
   */
  public static final String REJECTED_IN_REVIEW = "EXISTS (SELECT 1 FROM document_review v WHERE v.row_id = r.id"
      + " AND v.review_round = r.review_round AND v.decision = 'REJECTED')";

  static final String ACTOR = "sample-review";

  /** Where a round's review stands. */
  public record Progress(long batchId, int round, int total, int decided, int rejected, int flagged) {

    public boolean complete() {
      return decided == total;
    }

    public int undecided() {
      return total - decided;
    }

    /** Rejected among the decided, 0 to 1 (0 before any decision). */
    public double rejectionRate() {
      return decided == 0 ? 0 : (double) rejected / decided;
    }
  }

  /** One document of a round's sample, with what the reviewer needs beside it. */
  public record Item(long batchId, int round, int position, long rowId, int line, boolean flagged, Decision decision,
      String comment, String reviewer, Instant decidedAt, Map<String, String> input, String document,
      TemplateVersion.BodyFormat format, List<CheckResult> checkFailures) {}

  /** A batch waiting for its sample to be reviewed. */
  public record Waiting(long batchId, String templateKey, int templateVersion, String requesterName,
      Instant generatedAt, Progress progress) {}

  /** A decision the reviewer must correct; {@code messageKey} is in {@code i18n/documents-review}. */
  public static final class ReviewException extends RuntimeException {
    private final String messageKey;

    ReviewException(String messageKey, String message) {
      super(message);
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() {};
  private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final JdbcTemplate streaming;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final DocumentAudit audit;
  private final ReviewProperties properties;
  private final Random random;

  @org.springframework.beans.factory.annotation.Autowired
  public SampleReview(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock,
      DocumentAudit audit, ReviewProperties properties) {
    this(jdbcTemplate, transactionManager, clock, audit, properties, new SecureRandom());
  }

  SampleReview(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock,
      DocumentAudit audit, ReviewProperties properties, Random random) {
    this.template = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
    this.streaming.setFetchSize(500);
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.audit = audit;
    this.properties = properties;
    this.random = random;
  }

  public ReviewProperties properties() {
    return properties;
  }

  // ---------------------------------------------------------------------------------------------------- the draw

  /**
   * Draws the sample of the batch's current round, once: a second call for the same round (a retried job) returns
   * the sample already drawn. Only rows generated in this round are eligible (after a regeneration, the regenerated
   * ones). Flagged and random documents are shuffled together: the page shows each one's check failures anyway, and
   * a reviewer who met every flagged document first would judge the rest against them, and tire on them first.
   *
   * @return the sample's size
   */
  public int draw(long batchId) {
    return transaction.execute(status -> {
      BatchState batch = lock(batchId);
      if (batch.status() != DocumentBatch.Status.GENERATED) {
        throw new IllegalStateException("batch " + batchId + " is " + batch.status() + ", not GENERATED: no sample");
      }
      int drawn = jdbc.sql("SELECT COUNT(*) FROM document_review WHERE batch_id = :b AND review_round = :round")
          .param("b", batchId).param("round", batch.round()).query(Integer.class).single();
      if (drawn > 0) {
        return drawn;
      }
      List<Long> passing = new ArrayList<>();
      List<Long> flagged = new ArrayList<>();
      jdbc.sql("""
              SELECT id, checks_passed FROM document_row
              WHERE batch_id = :b AND status = 'GENERATED' AND review_round = :round ORDER BY id""")
          .param("b", batchId).param("round", batch.round())
          .query(rs -> {
            (rs.getBoolean("checks_passed") ? passing : flagged).add(rs.getLong("id"));
          });
      int randomPart = Math.min(passing.size(), sampleSize(passing.size() + flagged.size(), properties));
      Collections.shuffle(passing, random);
      List<Long> sample = new ArrayList<>(flagged);
      sample.addAll(passing.subList(0, randomPart));
      Collections.shuffle(sample, random);
      java.util.Set<Long> flaggedIds = new java.util.HashSet<>(flagged);
      List<Object[]> inserts = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) {
        long rowId = sample.get(i);
        inserts.add(new Object[] {batchId, batch.round(), i + 1, rowId, flaggedIds.contains(rowId)});
      }
      template.batchUpdate("INSERT INTO document_review (batch_id, review_round, position, row_id, flagged)"
          + " VALUES (?, ?, ?, ?, ?)", inserts);
      return sample.size();
    });
  }

  /**
   * The random draw's size for a round that generated {@code generated} documents:
   * {@code max(minSample, ceil(samplePercent × generated))}, at most {@code generated}.
   */
  static int sampleSize(int generated, ReviewProperties properties) {
    int share = BigDecimal.valueOf(properties.samplePercent()).multiply(BigDecimal.valueOf(generated))
        .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.CEILING).intValueExact();
    return Math.min(generated, Math.max(properties.minSample(), share));
  }

  // ----------------------------------------------------------------------------------------------- decisions

  /**
   * Records (or changes) a reviewer's decision on one document while its round is open (the batch is GENERATED in
   * that round). A rejection needs a comment: it goes into the prompt if the document is regenerated.
   *
   * @throws ReviewException no comment for a rejection, a comment too long, or the round is closed
   * @throws java.util.NoSuchElementException no such document in the round's sample
   */
  public void decide(long batchId, int round, int position, Decision decision, String comment, String reviewer) {
    String text = comment == null ? "" : comment.strip();
    if (decision == Decision.REJECTED && text.isEmpty()) {
      throw new ReviewException("documents.review.error.commentRequired", "a rejection needs a comment");
    }
    if (text.length() > MAX_COMMENT) {
      throw new ReviewException("documents.review.error.commentTooLong",
          "a comment has at most " + MAX_COMMENT + " characters");
    }
    String by = reviewer.length() > 100 ? reviewer.substring(0, 100) : reviewer;
    transaction.executeWithoutResult(status -> {
      Long rowId = jdbc.sql("SELECT row_id FROM document_review WHERE batch_id = :b AND review_round = :round"
              + " AND position = :position")
          .param("b", batchId).param("round", round).param("position", position).query(Long.class).optional()
          .orElseThrow(() -> new java.util.NoSuchElementException(
              "no document " + position + " in round " + round + " of batch " + batchId));
      int updated = jdbc.sql("""
              UPDATE document_review SET decision = :decision, review_comment = :comment, reviewer = :reviewer,
                     decided_at = :now
              WHERE batch_id = :b AND review_round = :round AND position = :position
                AND EXISTS (SELECT 1 FROM document_batch WHERE id = :b AND status = 'GENERATED'
                            AND review_round = :round)""")
          .param("decision", decision.name()).param("comment", text.isEmpty() ? null : text)
          .param("reviewer", by).param("now", Timestamp.from(clock.instant()))
          .param("b", batchId).param("round", round).param("position", position).update();
      if (updated == 0) {
        throw new ReviewException("documents.review.error.roundClosed",
            "round " + round + " of batch " + batchId + " is no longer open for decisions");
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("round", round);
      detail.put("position", position);
      detail.put("decision", decision.name());
      detail.put("comment", text.isEmpty() ? null : text);
      audit.record(batchId, rowId, DocumentAudit.Event.REVIEWED, by, detail);
    });
  }

  /** The current round's progress. */
  public Progress progress(long batchId) {
    int round = jdbc.sql("SELECT review_round FROM document_batch WHERE id = :b").param("b", batchId)
        .query(Integer.class).optional()
        .orElseThrow(() -> new java.util.NoSuchElementException("no batch " + batchId));
    return progress(batchId, round);
  }

  Progress progress(long batchId, int round) {
    return jdbc.sql("""
            SELECT COUNT(*) AS total,
                   COALESCE(SUM(CASE WHEN decision IS NOT NULL THEN 1 ELSE 0 END), 0) AS decided,
                   COALESCE(SUM(CASE WHEN decision = 'REJECTED' THEN 1 ELSE 0 END), 0) AS rejected,
                   COALESCE(SUM(CASE WHEN flagged THEN 1 ELSE 0 END), 0) AS flagged
            FROM document_review WHERE batch_id = :b AND review_round = :round""")
        .param("b", batchId).param("round", round)
        .query((rs, n) -> new Progress(batchId, round, rs.getInt("total"), rs.getInt("decided"),
            rs.getInt("rejected"), rs.getInt("flagged")))
        .single();
  }

  // ------------------------------------------------------------------------------------------------- settling

  /** What a round's progress leads to (the rule of {@link #settle}, without its writes). */
  static Outcome outcome(Progress progress, ReviewProperties properties) {
    if (!progress.complete()) {
      return Outcome.INCOMPLETE;
    }
    // compared in whole numbers times 100: 1 rejected of 10 is exactly 10 %
    if (progress.rejected() * 100.0 <= properties.maxRejectionPercent() * progress.total()) {
      return Outcome.APPROVED;
    }
    return progress.round() < properties.maxRegenerations() ? Outcome.REGENERATE : Outcome.REJECTED;
  }

  /**
   * What the current round's review leads to. APPROVED and REJECTED are applied at once (batch status,
   * {@code decided_at}, audit trail; on approval each document rejected in review gets a REJECTED entry and is left
   * out of delivery); REGENERATE is applied by {@link #regenerate}. A batch approved or rejected already gives its
   * outcome again.
   */
  public Outcome settle(long batchId) {
    return transaction.execute(status -> {
      BatchState batch = lock(batchId);
      switch (batch.status()) {
        case APPROVED, DELIVERED:
          return Outcome.APPROVED;
        case REJECTED:
          return Outcome.REJECTED;
        case GENERATED:
          break;
        default:
          throw new IllegalStateException("batch " + batchId + " is " + batch.status() + ": nothing to settle");
      }
      Progress progress = progress(batchId, batch.round());
      if (progress.total() == 0 && eligible(batchId, batch.round()) > 0) {
        return Outcome.INCOMPLETE; // not drawn yet
      }
      Outcome outcome = outcome(progress, properties);
      Timestamp now = Timestamp.from(clock.instant());
      if (outcome == Outcome.APPROVED || outcome == Outcome.REJECTED) {
        jdbc.sql("UPDATE document_batch SET status = :status, decided_at = :now WHERE id = :b AND status = 'GENERATED'")
            .param("status", outcome.name()).param("now", now).param("b", batchId).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", batch.round());
        detail.put("sampled", progress.total());
        detail.put("rejected", progress.rejected());
        detail.put("maxRejectionPercent", properties.maxRejectionPercent());
        audit.record(batchId, null, outcome == Outcome.APPROVED ? DocumentAudit.Event.APPROVED
            : DocumentAudit.Event.REJECTED, ACTOR, detail);
      }
      if (outcome == Outcome.APPROVED) {
        jdbc.sql("""
                INSERT INTO document_audit (batch_id, row_id, event, actor, detail, created_at)
                SELECT r.batch_id, r.id, 'REJECTED', :actor, :detail, :now FROM document_row r
                WHERE r.batch_id = :b AND r.status = 'GENERATED' AND\s""" + REJECTED_IN_REVIEW)
            .param("actor", ACTOR).param("detail", "{\"reason\":\"rejected in review: left out of delivery\"}")
            .param("now", now).param("b", batchId).update();
      }
      return outcome;
    });
  }

  /** The rows delivery leaves out: rejected in the review of the round that generated them. */
  public List<Long> rejectedInReview(long batchId) {
    return jdbc.sql("SELECT r.id FROM document_row r WHERE r.batch_id = :b AND r.status = 'GENERATED' AND "
            + REJECTED_IN_REVIEW + " ORDER BY r.line_number")
        .param("b", batchId).query(Long.class).list();
  }

  /**
   * The reviewer's choice for a regeneration; without one, {@link #regenerate} redoes the rejected documents.
   *
   * @return {@code false}: the batch is not in review
   */
  public boolean chooseScope(long batchId, Scope scope) {
    return jdbc.sql("UPDATE document_batch SET regenerate_scope = :scope WHERE id = :b AND status = 'GENERATED'")
        .param("scope", scope.name()).param("b", batchId).update() == 1;
  }

  /** The scope chosen for the current round, if any. */
  public Optional<Scope> scope(long batchId) {
    return jdbc.sql("SELECT regenerate_scope FROM document_batch WHERE id = :b").param("b", batchId)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)).map(Scope::valueOf)).optional()
        .flatMap(scope -> scope);
  }

  // --------------------------------------------------------------------------------------------- regeneration

  /** {@link #regenerate(long, int)} for the batch's current round. */
  public int regenerate(long batchId) {
    int round = jdbc.sql("SELECT review_round FROM document_batch WHERE id = :b").param("b", batchId)
        .query(Integer.class).single();
    return regenerate(batchId, round);
  }

  /**
   * Puts documents of a round settled as REGENERATE back to the workers, per the chosen scope (REJECTED when none was
   * chosen): status PENDING in round {@code round + 1}, the reviewers' comments for their prompt, a new idempotency
   * key (a new LLM call, while a retry of it is still served from the cache), output and checks cleared, and an
   * audit entry of what was replaced. The batch goes back to RUNNING in the next round, so the workers (or economy
   * mode) generate the rows and the batch closes again with {@link BatchGenerated}.
   *
   * @param round the round that was settled; when the batch has left it (a retried job), nothing happens
   * @return the rows put back, 0 when the round was regenerated already
   */
  public int regenerate(long batchId, int round) {
    return transaction.execute(status -> {
      BatchState batch = lock(batchId);
      if (batch.round() != round || batch.status() != DocumentBatch.Status.GENERATED) {
        return 0;
      }
      Progress progress = progress(batchId, round);
      Outcome outcome = outcome(progress, properties);
      if (outcome != Outcome.REGENERATE) {
        throw new IllegalStateException("round " + round + " of batch " + batchId + " settles as " + outcome
            + ", not REGENERATE");
      }
      Scope scope = batch.scope() == null ? Scope.REJECTED : batch.scope();
      int next = round + 1;
      Map<Long, String> rejected = new LinkedHashMap<>();
      jdbc.sql("""
              SELECT row_id, review_comment FROM document_review
              WHERE batch_id = :b AND review_round = :round AND decision = 'REJECTED' ORDER BY position""")
          .param("b", batchId).param("round", round)
          .query(rs -> {
            rejected.put(rs.getLong(1), rs.getString(2));
          });
      String joined = joined(rejected.values());
      String rows = scope == Scope.ALL
          ? "SELECT id, status, idempotency_key, prompt_hash, check_results, output, error FROM document_row"
              + " WHERE batch_id = ? AND status IN ('GENERATED', 'FAILED') ORDER BY id"
          : "SELECT id, status, idempotency_key, prompt_hash, check_results, output, error FROM document_row r"
              + " WHERE batch_id = ? AND status = 'GENERATED' AND id IN (SELECT row_id FROM document_review"
              + " WHERE batch_id = ? AND review_round = ? AND decision = 'REJECTED') ORDER BY id";
      Object[] args = scope == Scope.ALL ? new Object[] {batchId} : new Object[] {batchId, batchId, round};
      Timestamp now = Timestamp.from(clock.instant());
      List<Object[]> resets = new ArrayList<>();
      List<Object[]> trail = new ArrayList<>();
      streaming.query(rows, rs -> {
        long rowId = rs.getLong("id");
        String comment = rejected.getOrDefault(rowId, joined);
        String oldKey = rs.getString("idempotency_key").trim();
        String key = regeneratedKey(oldKey, next, comment);
        resets.add(new Object[] {next, comment, key, rowId});
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("round", next);
        detail.put("scope", scope.name());
        detail.put("comment", comment);
        detail.put("previousStatus", rs.getString("status"));
        detail.put("previousIdempotencyKey", oldKey);
        detail.put("previousPromptHash", rs.getString("prompt_hash"));
        detail.put("previousCheckResults", json(rs.getString("check_results")));
        String output = rs.getString("output");
        detail.put("previousOutputSha256", output == null ? null : sha256(output));
        detail.put("previousError", rs.getString("error"));
        trail.add(new Object[] {batchId, rowId, ACTOR, write(detail), now});
      }, args);
      template.batchUpdate("""
          UPDATE document_row SET status = 'PENDING', review_round = ?, review_comment = ?, idempotency_key = ?,
                 output = NULL, check_results = NULL, checks_passed = NULL, prompt_hash = NULL, error = NULL,
                 finished_at = NULL, claimed_by = NULL, claimed_until = NULL, attempts = 0
          WHERE id = ? AND status IN ('GENERATED', 'FAILED')""", resets);
      template.batchUpdate("""
          INSERT INTO document_audit (batch_id, row_id, event, actor, detail, created_at)
          VALUES (?, ?, 'REGENERATING', ?, ?, ?)""", trail);
      // finished_at belongs to the generation that closed; closeIfDone sets it again (GENERATED requires it).
      // The economy columns name the previous round's Batch API submission: the new round is submitted anew.
      jdbc.sql("""
              UPDATE document_batch SET status = 'RUNNING', review_round = :next, regenerate_scope = NULL,
                     finished_at = NULL, economy_input_file = NULL, economy_batch = NULL, economy_status = NULL,
                     economy_polled_at = NULL
              WHERE id = :b AND status = 'GENERATED' AND review_round = :round""")
          .param("next", next).param("b", batchId).param("round", round).update();
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("round", next);
      detail.put("scope", scope.name());
      detail.put("rows", resets.size());
      detail.put("sampled", progress.total());
      detail.put("rejected", progress.rejected());
      audit.record(batchId, null, DocumentAudit.Event.REGENERATING, ACTOR, detail);
      return resets.size();
    });
  }

  /** A regenerated row's idempotency key: SHA-256 of the previous key, the new round and the comment. */
  static String regeneratedKey(String previousKey, int round, String comment) {
    return sha256(previousKey + "\u0000" + round + "\u0000" + (comment == null ? "" : comment));
  }

  /** The round's comments, each once, one per line, cut to {@link #MAX_COMMENT} characters. */
  static String joined(java.util.Collection<String> comments) {
    String text = String.join("\n", new LinkedHashSet<>(comments.stream()
        .filter(comment -> comment != null && !comment.isBlank()).map(String::strip).toList()));
    if (text.length() <= MAX_COMMENT) {
      return text;
    }
    int end = MAX_COMMENT;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  // ---------------------------------------------------------------------------------------- the review page

  /** Batches whose current round has a sample to review, oldest first. */
  public List<Waiting> awaiting() {
    record Head(long id, String key, int version, String requester, Instant generated, int round) {}
    List<Head> heads = jdbc.sql("""
            SELECT b.id, t.template_key, v.version, b.requester_name, b.finished_at, b.review_round
            FROM document_batch b
            JOIN document_template_version v ON v.id = b.template_version_id
            JOIN document_template t ON t.id = v.template_id
            WHERE b.status = 'GENERATED' AND EXISTS (SELECT 1 FROM document_review d WHERE d.batch_id = b.id
                                                      AND d.review_round = b.review_round)
            ORDER BY b.finished_at, b.id""")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            instant(rs, "finished_at"), rs.getInt(6)))
        .list();
    return heads.stream().map(head -> new Waiting(head.id(), head.key(), head.version(), head.requester(),
        head.generated(), progress(head.id(), head.round()))).toList();
  }

  /** Document {@code position} of the batch's current round. */
  public Optional<Item> item(long batchId, int position) {
    return jdbc.sql("""
            SELECT d.batch_id, d.review_round, d.position, d.row_id, d.flagged, d.decision, d.review_comment,
                   d.reviewer, d.decided_at, r.line_number, r.input_json, r.output, r.check_results, v.body_format
            FROM document_review d
            JOIN document_batch b ON b.id = d.batch_id AND b.review_round = d.review_round
            JOIN document_row r ON r.id = d.row_id
            JOIN document_template_version v ON v.id = b.template_version_id
            WHERE d.batch_id = :b AND d.position = :position""")
        .param("b", batchId).param("position", position)
        .query((rs, n) -> new Item(rs.getLong("batch_id"), rs.getInt("review_round"), rs.getInt("position"),
            rs.getLong("row_id"), rs.getInt("line_number"), rs.getBoolean("flagged"),
            rs.getString("decision") == null ? null : Decision.valueOf(rs.getString("decision")),
            rs.getString("review_comment"), rs.getString("reviewer"), instant(rs, "decided_at"),
            read(rs.getString("input_json"), ROW, Map.of()), rs.getString("output"),
            TemplateVersion.BodyFormat.valueOf(rs.getString("body_format")),
            read(rs.getString("check_results"), CHECKS, List.of())))
        .optional();
  }

  /** The first undecided position after {@code after}, wrapping around to the start. */
  public OptionalInt nextUndecided(long batchId, int after) {
    List<Integer> undecided = jdbc.sql("""
            SELECT d.position FROM document_review d JOIN document_batch b ON b.id = d.batch_id
            WHERE d.batch_id = :b AND d.review_round = b.review_round AND d.decision IS NULL ORDER BY d.position""")
        .param("b", batchId).query(Integer.class).list();
    return undecided.stream().filter(position -> position > after).findFirst()
        .or(() -> undecided.stream().findFirst()).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /** Every decision of the current round by position (for the summary). */
  public List<Item> decided(long batchId, Decision decision) {
    List<Integer> positions = jdbc.sql("""
            SELECT d.position FROM document_review d JOIN document_batch b ON b.id = d.batch_id
            WHERE d.batch_id = :b AND d.review_round = b.review_round AND d.decision = :decision
            ORDER BY d.position""")
        .param("b", batchId).param("decision", decision.name()).query(Integer.class).list();
    return positions.stream().map(position -> item(batchId, position).orElseThrow()).toList();
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private record BatchState(DocumentBatch.Status status, int round, Scope scope) {}

  /** The batch row, locked for the transaction: draws, settlements and regenerations of a batch go one at a time. */
  private BatchState lock(long batchId) {
    return jdbc.sql("SELECT status, review_round, regenerate_scope FROM document_batch WHERE id = :b FOR UPDATE")
        .param("b", batchId)
        .query((rs, n) -> new BatchState(DocumentBatch.Status.valueOf(rs.getString(1)), rs.getInt(2),
            rs.getString(3) == null ? null : Scope.valueOf(rs.getString(3))))
        .optional().orElseThrow(() -> new java.util.NoSuchElementException("no batch " + batchId));
  }

  private int eligible(long batchId, int round) {
    return jdbc.sql("SELECT COUNT(*) FROM document_row WHERE batch_id = :b AND status = 'GENERATED'"
            + " AND review_round = :round")
        .param("b", batchId).param("round", round).query(Integer.class).single();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static <T> T read(String json, TypeReference<T> type, T empty) {
    if (json == null || json.isBlank()) {
      return empty;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in document_row", e);
    }
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private static String write(Map<String, Object> detail) {
    try {
      return JSON.writeValueAsString(detail);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
