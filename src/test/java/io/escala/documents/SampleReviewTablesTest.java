package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escala.documents.SampleReview.Decision;
import io.escala.documents.SampleReview.Outcome;
import io.escala.documents.SampleReview.Progress;
import io.escala.documents.SampleReview.Scope;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The draw, decisions, settling and regeneration on H2, rows written as the worker leaves them. */
class SampleReviewTablesTest {

  private static final ReviewProperties DEFAULTS = ReviewProperties.defaults();

  private static MigratedTestDatabase database;
  private static MutableClock clock;
  private static DocumentTemplates templates;
  private static DocumentBatches batches;

  @BeforeAll
  static void database() {
    database = MigratedTestDatabase.h2("review");
    clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    templates = new DocumentTemplates(database.jdbc, database.transactionManager, clock);
    batches = new DocumentBatches(database.jdbc, clock, event -> { }, DocumentsProperties.defaults());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  SampleReview review(ReviewProperties properties) {
    return new SampleReview(new JdbcTemplate(database.dataSource), database.transactionManager, clock,
        new DocumentAudit(database.jdbc, clock), properties, new Random(7));
  }

  @Test
  void theSampleIsTheRandomDrawPlusEveryFlaggedDocumentDrawnOnce() {
    long batch = generatedBatch(30, List.of(4, 9, 17), List.of(30));
    SampleReview review = review(DEFAULTS);

    assertThat(review.draw(batch)).isEqualTo(13);
    List<Map<String, Object>> sample = sample(batch, 0);
    assertThat(sample).extracting(row -> ((Number) row.get("POSITION")).intValue())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 13).boxed().toList());
    assertThat(sample).filteredOn(row -> Boolean.TRUE.equals(row.get("FLAGGED")))
        .extracting(row -> line((Long) row.get("ROW_ID"))).containsExactlyInAnyOrder(4, 9, 17);
    assertThat(sample).extracting(row -> line((Long) row.get("ROW_ID"))).doesNotContain(30)
        .as("failed rows are not reviewed").doesNotHaveDuplicates();

    assertThat(review.draw(batch)).as("a retried draw").isEqualTo(13);
    assertThat(sample(batch, 0)).isEqualTo(sample);
  }

  @Test
  void decisionsNeedACommentToRejectCanBeChangedAndAreAudited() {
    long batch = generatedBatch(5, List.of(), List.of());
    SampleReview review = review(DEFAULTS);
    review.draw(batch);

    assertThatThrownBy(() -> review.decide(batch, 0, 1, Decision.REJECTED, "  ", "rita"))
        .isInstanceOfSatisfying(SampleReview.ReviewException.class,
            e -> assertThat(e.messageKey()).isEqualTo("documents.review.error.commentRequired"));
    assertThatThrownBy(() -> review.decide(batch, 0, 1, Decision.REJECTED, "x".repeat(4001), "rita"))
        .isInstanceOfSatisfying(SampleReview.ReviewException.class,
            e -> assertThat(e.messageKey()).isEqualTo("documents.review.error.commentTooLong"));
    assertThatThrownBy(() -> review.decide(batch, 0, 9, Decision.APPROVED, null, "rita"))
        .isInstanceOf(java.util.NoSuchElementException.class);

    review.decide(batch, 0, 1, Decision.REJECTED, " Demasiado formal. ", "rita");
    review.decide(batch, 0, 1, Decision.APPROVED, null, "tomas");
    review.decide(batch, 0, 2, Decision.REJECTED, "Falta el precio.", "rita");

    assertThat(review.progress(batch)).isEqualTo(new Progress(batch, 0, 5, 2, 1, 0));
    long row = (Long) sample(batch, 0).get(0).get("ROW_ID");
    assertThat(new DocumentAudit(database.jdbc, clock).trail(batch, row))
        .extracting(DocumentAudit.Entry::event, DocumentAudit.Entry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(DocumentAudit.Event.REVIEWED, "rita"),
            org.assertj.core.groups.Tuple.tuple(DocumentAudit.Event.REVIEWED, "tomas"));
    assertThat(new DocumentAudit(database.jdbc, clock).trail(batch, row).get(0).detail())
        .contains("\"decision\":\"REJECTED\"", "\"comment\":\"Demasiado formal.\"");
    assertThat(database.jdbc.sql("SELECT decision, review_comment, reviewer FROM document_review"
            + " WHERE batch_id = :b AND position = 1").param("b", batch).query().singleRow())
        .containsEntry("DECISION", "APPROVED").containsEntry("REVIEWER", "tomas")
        .containsEntry("REVIEW_COMMENT", null);

    assertThatThrownBy(() -> review.decide(batch, 1, 1, Decision.APPROVED, null, "rita"))
        .isInstanceOf(java.util.NoSuchElementException.class);
  }

  @Test
  void withinTheThresholdTheBatchIsApprovedAndItsRejectedDocumentsAreLeftOut() {
    long batch = generatedBatch(10, List.of(), List.of());
    SampleReview review = review(DEFAULTS);
    assertThat(review.settle(batch)).as("not drawn yet").isEqualTo(Outcome.INCOMPLETE);
    review.draw(batch);
    decideAll(review, batch, 0, 1);
    assertThat(review.settle(batch)).isEqualTo(Outcome.APPROVED);

    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.APPROVED);
    List<Long> left = review.rejectedInReview(batch);
    assertThat(left).hasSize(1);
    assertThat(new DocumentAudit(database.jdbc, clock).trail(batch, left.get(0)))
        .extracting(DocumentAudit.Entry::event)
        .containsExactly(DocumentAudit.Event.REVIEWED, DocumentAudit.Event.APPROVED, DocumentAudit.Event.REJECTED);
    assertThat(review.settle(batch)).as("settled again").isEqualTo(Outcome.APPROVED);
    assertThatThrownBy(() -> review.decide(batch, 0, 1, Decision.APPROVED, null, "rita"))
        .isInstanceOfSatisfying(SampleReview.ReviewException.class,
            e -> assertThat(e.messageKey()).isEqualTo("documents.review.error.roundClosed"));
  }

  @Test
  void aboveTheThresholdWithNoRoundLeftTheBatchIsRejected() {
    long batch = generatedBatch(10, List.of(), List.of());
    SampleReview review = review(new ReviewProperties(5, 10, 10, 0));
    review.draw(batch);
    decideAll(review, batch, 0, 2);
    assertThatThrownBy(() -> review.regenerate(batch)).as("nothing to regenerate")
        .isInstanceOf(IllegalStateException.class);
    assertThat(review.settle(batch)).isEqualTo(Outcome.REJECTED);
    assertThat(batches.find(batch).orElseThrow().status()).isEqualTo(DocumentBatch.Status.REJECTED);
  }

  @Test
  void theRejectedScopeRegeneratesTheRejectedRowsWithTheirCommentAndANewKeyOnce() {
    long batch = generatedBatch(12, List.of(), List.of());
    SampleReview review = review(DEFAULTS);
    review.draw(batch);
    decideAll(review, batch, 0, 3);
    assertThat(review.settle(batch)).isEqualTo(Outcome.REGENERATE);
    List<Long> rejected = database.jdbc.sql("SELECT row_id FROM document_review WHERE batch_id = :b"
            + " AND decision = 'REJECTED' ORDER BY row_id").param("b", batch).query(Long.class).list();
    Map<Long, String> keysBefore = keys(batch);

    assertThat(review.regenerate(batch, 0)).isEqualTo(3);

    DocumentBatch running = batches.find(batch).orElseThrow();
    assertThat(running.status()).isEqualTo(DocumentBatch.Status.RUNNING);
    assertThat(running.reviewRound()).isEqualTo(1);
    assertThat(running.finishedAt()).isNull();
    assertThat(database.jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND status = 'PENDING'"
        + " ORDER BY id").param("b", batch).query(Long.class).list()).isEqualTo(rejected);
    Map<Long, String> keysAfter = keys(batch);
    for (long row : keysBefore.keySet()) {
      String comment = comment(row);
      if (rejected.contains(row)) {
        assertThat(comment).startsWith("Rechazo ");
        assertThat(keysAfter.get(row)).isEqualTo(SampleReview.regeneratedKey(keysBefore.get(row), 1, comment));
      } else {
        assertThat(comment).isNull();
        assertThat(keysAfter.get(row)).isEqualTo(keysBefore.get(row));
      }
    }
    Map<String, Object> reset = database.jdbc.sql("SELECT output, check_results, checks_passed, prompt_hash,"
        + " review_round FROM document_row WHERE id = :id").param("id", rejected.get(0)).query().singleRow();
    assertThat(reset).containsEntry("OUTPUT", null).containsEntry("CHECK_RESULTS", null)
        .containsEntry("CHECKS_PASSED", null).containsEntry("PROMPT_HASH", null).containsEntry("REVIEW_ROUND", 1);
    DocumentAudit.Entry regenerating = new DocumentAudit(database.jdbc, clock).trail(batch, rejected.get(0))
        .stream().filter(e -> e.event() == DocumentAudit.Event.REGENERATING && e.rowId() != null).findFirst()
        .orElseThrow();
    assertThat(regenerating.detail()).contains("\"previousPromptHash\":\"" + "h".repeat(64) + "\"",
        "\"previousOutputSha256\":\"" + SampleReview.sha256("Documento " + line(rejected.get(0))) + "\"",
        "\"scope\":\"REJECTED\"", "\"round\":1");

    assertThat(review.regenerate(batch, 0)).as("a retried job").isZero();
    assertThat(keys(batch)).isEqualTo(keysAfter);
  }

  @Test
  void theAllScopeRegeneratesEveryDocumentTheOthersWithTheRoundsComments() {
    long batch = generatedBatch(12, List.of(2), List.of(12));
    SampleReview review = review(DEFAULTS);
    review.draw(batch);
    decideAll(review, batch, 0, 2);
    assertThat(review.chooseScope(batch, Scope.ALL)).isTrue();
    assertThat(review.scope(batch)).contains(Scope.ALL);

    assertThat(review.regenerate(batch)).as("11 generated and the failed one").isEqualTo(12);

    List<String> comments = database.jdbc.sql("SELECT review_comment FROM document_review WHERE batch_id = :b"
        + " AND decision = 'REJECTED' ORDER BY position").param("b", batch).query(String.class).list();
    assertThat(database.jdbc.sql("SELECT review_comment FROM document_row WHERE batch_id = :b")
        .param("b", batch).query(String.class).list())
        .containsOnly(comments.get(0), comments.get(1), String.join("\n", comments))
        .filteredOn(comment -> comment.contains("\n")).hasSize(10);
    assertThat(batches.find(batch).orElseThrow().reviewRound()).isEqualTo(1);
    assertThat(review.scope(batch)).as("chosen again for the next round").isEmpty();
  }

  @Test
  void aRegenerationRoundSamplesOnlyTheRowsRegeneratedInIt() {
    long batch = generatedBatch(20, List.of(), List.of());
    SampleReview review = review(new ReviewProperties(5, 3, 10, 2));
    review.draw(batch);
    decideAll(review, batch, 0, 2);
    review.regenerate(batch);
    // the worker generates them again
    database.jdbc.sql("UPDATE document_row SET status = 'GENERATED', output = 'Nuevo', checks_passed = TRUE"
        + " WHERE batch_id = :b AND status = 'PENDING'").param("b", batch).update();
    assertThat(batches.closeIfDone(batch)).isTrue();

    assertThat(review.draw(batch)).as("min 3, but only 2 were regenerated").isEqualTo(2);
    assertThat(sample(batch, 1)).extracting(row -> (Long) row.get("ROW_ID")).containsExactlyInAnyOrderElementsOf(
        database.jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND review_round = 1")
            .param("b", batch).query(Long.class).list());
    review.decide(batch, 1, 1, Decision.APPROVED, null, "rita");
    review.decide(batch, 1, 2, Decision.APPROVED, null, "rita");
    assertThat(review.settle(batch)).isEqualTo(Outcome.APPROVED);
    assertThat(review.rejectedInReview(batch)).as("rejected in round 0, approved after regeneration").isEmpty();
  }

  /** Decides the whole sample of a round; the first {@code rejections} positions are rejected with a comment. */
  private void decideAll(SampleReview review, long batch, int round, int rejections) {
    int total = review.progress(batch).total();
    for (int position = 1; position <= total; position++) {
      if (position <= rejections) {
        review.decide(batch, round, position, Decision.REJECTED, "Rechazo " + position, "rita");
      } else {
        review.decide(batch, round, position, Decision.APPROVED, null, "rita");
      }
    }
  }

  /** A batch as the worker leaves it: rows generated (some flagged), some failed, status GENERATED. */
  private long generatedBatch(int rows, List<Integer> flaggedLines, List<Integer> failedLines) {
    long version = templates.save("carta-" + UUID.randomUUID(), "Carta", "Hola {{nombre}}\n\n{{llm:intro}}",
        TemplateVersion.BodyFormat.MARKDOWN, List.of(new TemplateSection("intro", "Escribe para {{nombre}}.", 100,
            null, null, null, List.of(), List.of(), null)), "ana").id();
    long batch = batches.open(version, "gpt-4o-mini", "ana", DocumentBatch.Source.CSV);
    Timestamp now = Timestamp.from(clock.instant());
    for (int line = 1; line <= rows; line++) {
      boolean failed = failedLines.contains(line);
      boolean flagged = flaggedLines.contains(line);
      database.jdbc.sql("""
              INSERT INTO document_row (batch_id, line_number, input_json, status, idempotency_key, output,
                                        check_results, checks_passed, prompt_hash, error, finished_at)
              VALUES (:b, :line, :input, :status, :key, :output, :checks, :passed, :hash, :error, :now)""")
          .param("b", batch).param("line", line).param("input", "{\"nombre\":\"Cliente " + line + "\"}")
          .param("status", failed ? "FAILED" : "GENERATED").param("key", SampleReview.sha256(batch + "/" + line))
          .param("output", failed ? null : "Documento " + line)
          .param("checks", failed ? null : flagged
              ? "[{\"check\":\"language\",\"section\":\"intro\",\"reason\":\"written in en, es expected\"}]" : "[]")
          .param("passed", failed ? null : !flagged).param("hash", failed ? null : "h".repeat(64))
          .param("error", failed ? "HTTP 503" : null).param("now", now).update();
    }
    database.jdbc.sql("UPDATE document_batch SET status = 'GENERATED', rows_total = :n, rows_generated = :g,"
            + " rows_failed = :f, started_at = :now, finished_at = :now WHERE id = :b")
        .param("n", rows).param("g", rows - failedLines.size()).param("f", failedLines.size()).param("now", now)
        .param("b", batch).update();
    return batch;
  }

  private List<Map<String, Object>> sample(long batch, int round) {
    return database.jdbc.sql("SELECT position, row_id, flagged FROM document_review WHERE batch_id = :b"
        + " AND review_round = :r ORDER BY position").param("b", batch).param("r", round).query().listOfRows();
  }

  private int line(long rowId) {
    return database.jdbc.sql("SELECT line_number FROM document_row WHERE id = :id").param("id", rowId)
        .query(Integer.class).single();
  }

  private String comment(long rowId) {
    return database.jdbc.sql("SELECT review_comment FROM document_row WHERE id = :id").param("id", rowId)
        .query(String.class).list().get(0);
  }

  private Map<Long, String> keys(long batch) {
    Map<Long, String> keys = new java.util.TreeMap<>();
    database.jdbc.sql("SELECT id, idempotency_key FROM document_row WHERE batch_id = :b").param("b", batch)
        .query(rs -> {
          keys.put(rs.getLong(1), rs.getString(2).trim());
        });
    return Collections.unmodifiableMap(keys);
  }
}
