package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.MigratedTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The export of a batch's results on a migrated database: every input row exactly once, by line (refused rows and
 * accepted rows merged across pages), each outcome and reason, and no cell a spreadsheet would run as a formula.
 */
class BatchResultsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  private MigratedTestDatabase database;
  private BatchResults results;
  private long batch;

  @BeforeEach
  void aReviewedBatch() {
    database = MigratedTestDatabase.h2("batch-results");
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/documents-delivery");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    results = new BatchResults(database.jdbc, messages);
    long version = new DocumentTemplates(database.jdbc, database.transactionManager, CLOCK)
        .save("carta", "Carta", "# {{nombre}}\n\n{{llm:intro}}", TemplateVersion.BodyFormat.MARKDOWN,
            List.of(TemplateSection.text("intro", "Saluda a {{nombre}}", 100)), "ana").id();
    batch = database.jdbc.sql("""
            INSERT INTO document_batch (template_version_id, model, status, source, requested_by, rows_total,
                created_at, finished_at, review_round)
            VALUES (:v, 'gpt-4o-mini', 'GENERATED', 'CSV', 'ana', 7, :now, :now, 1)""")
        .param("v", version).param("now", Timestamp.from(CLOCK.instant()))
        .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") == 1 ? lastBatch() : -1;
    // lines 2..10 of the file: 3 and 7 refused by the intake, the rest accepted
    row(2, "GENERATED", "# Ana", null, "[]", 0);
    error(3, "=HYPERLINK(\"http://evil.example\",\"click\")");
    long flagged = row(4, "GENERATED", "# Bruno", null,
        "[{\"check\":\"language\",\"section\":\"intro\",\"reason\":\"written in en, es expected\"}]", 0);
    long rejected = row(5, "GENERATED", "# Carla", null, "[]", 1);
    long regenerated = row(6, "GENERATED", "# Diego", null, "[]", 1);
    error(7, "missing columns: nombre (0 of 1 cells)");
    row(8, "FAILED", null, "+HTTP 503 (InternalServerException)", null, 0);
    row(9, "CANCELLED", null, "batch cancelled", null, 0);
    row(10, "REJECTED_INPUT", null, "@SUM(A1:A9) prompt too long", null, 0);
    review(0, 1, flagged, "APPROVED", null);
    review(0, 2, regenerated, "REJECTED", "Demasiado formal");
    review(1, 1, rejected, "REJECTED", "-Tono equivocado, y menciona otro cliente");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void everyInputRowOnceByLineWithItsOutcomeAndNoFormula() throws IOException {
    List<CSVRecord> records = csv(Locale.forLanguageTag("es"), 2, Map.of());

    assertThat(records.get(0).values()).containsExactly("fila", "estado", "motivo", "archivos",
        "controles no superados");
    List<CSVRecord> lines = records.subList(1, records.size());
    assertThat(lines).extracting(record -> record.get(0))
        .containsExactly("2", "3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(lines.get(0).values()).containsExactly("2", "entregado", "", "000002.pdf", "");
    assertThat(lines.get(1).values()).containsExactly("3", "rechazada al cargar",
        "'=HYPERLINK(\"http://evil.example\",\"click\")", "", "");
    assertThat(lines.get(2).values()).containsExactly("4", "entregado", "", "000004.pdf",
        "intro · language: written in en, es expected");
    assertThat(lines.get(3).values()).containsExactly("5", "rechazado en la revisión",
        "'-Tono equivocado, y menciona otro cliente", "", "");
    // rejected in round 0, regenerated for round 1 and not sampled again: its new text is delivered
    assertThat(lines.get(4).values()).containsExactly("6", "entregado", "", "000006.pdf", "");
    assertThat(lines.get(6).values()).containsExactly("8", "error al generar",
        "'+HTTP 503 (InternalServerException)", "", "");
    assertThat(lines.get(7).values()).containsExactly("9", "cancelado", "batch cancelled", "", "");
    assertThat(lines.get(8).values()).containsExactly("10", "rechazada al cargar", "'@SUM(A1:A9) prompt too long",
        "", "");
    assertThat(lines).allSatisfy(record -> java.util.Arrays.stream(record.values()).forEach(cell ->
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")));
    assertThat(results.deliveredCount(batch)).isEqualTo(3);
    assertThat(results.inputRows(batch)).isEqualTo(9);
  }

  @Test
  void englishIsCommaSeparatedAndDocxFilesAndRenderFailuresAreListed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    results.writeCsv(batch, true, Locale.ENGLISH, 50, Map.of(4, "IllegalStateException: broken"), out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFrow,status,reason,files,failed checks\r\n");
    List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(text.substring(1))).getRecords();
    assertThat(records.get(1).values()).containsExactly("2", "delivered", "", "000002.pdf 000002.docx", "");
    assertThat(records.get(3).values()).containsExactly("4", "the PDF could not be made",
        "IllegalStateException: broken", "", "language: written in en, es expected".replace("language",
            "intro · language"));
  }

  @Test
  void deliveredPagesHoldOnlyTheDeliveredDocumentsInLineOrder() {
    List<Integer> lines = new ArrayList<>();
    results.forEachDeliveredPage(batch, 2, page -> page.forEach(document -> lines.add(document.line())));
    assertThat(lines).containsExactly(2, 4, 6);
  }

  private List<CSVRecord> csv(Locale locale, int pageSize, Map<Integer, String> failures) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    results.writeCsv(batch, false, locale, pageSize, failures, out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF");
    return CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(new StringReader(text.substring(1)))
        .getRecords();
  }

  private long lastBatch() {
    return database.jdbc.sql("SELECT MAX(id) FROM document_batch").query(Long.class).single();
  }

  private long row(int line, String status, String output, String error, String checks, int reviewRound) {
    database.jdbc.sql("""
            INSERT INTO document_row (batch_id, line_number, input_json, status, idempotency_key, output,
                check_results, checks_passed, error, review_round, finished_at)
            VALUES (:b, :line, '{}', :status, :key, :output, :checks, :passed, :error, :round, :now)""")
        .param("b", batch).param("line", line).param("status", status).param("key", "k".repeat(63) + line % 10)
        .param("output", output).param("checks", checks)
        .param("passed", checks == null ? null : checks.equals("[]")).param("error", error)
        .param("round", reviewRound).param("now", Timestamp.from(CLOCK.instant())).update();
    return database.jdbc.sql("SELECT id FROM document_row WHERE batch_id = :b AND line_number = :line")
        .param("b", batch).param("line", line).query(Long.class).single();
  }

  private void error(int line, String reason) {
    database.jdbc.sql("INSERT INTO document_input_error (batch_id, line_number, reason, created_at)"
            + " VALUES (:b, :line, :reason, :now)")
        .param("b", batch).param("line", line).param("reason", reason)
        .param("now", Timestamp.from(CLOCK.instant())).update();
  }

  private void review(int round, int position, long row, String decision, String comment) {
    database.jdbc.sql("""
            INSERT INTO document_review (batch_id, review_round, position, row_id, flagged, decision, review_comment,
                reviewer, decided_at)
            VALUES (:b, :round, :position, :row, FALSE, :decision, :comment, 'rita', :now)""")
        .param("b", batch).param("round", round).param("position", position).param("row", row)
        .param("decision", decision).param("comment", comment).param("now", Timestamp.from(CLOCK.instant()))
        .update();
  }
}
