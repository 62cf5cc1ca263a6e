package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of every input row of a batch, read in pages by line: the rows the intake refused
 * ({@code document_input_error}) and the rows it accepted ({@code document_row}), each exactly once. A row is
 * delivered when it was generated and its latest review decision on its current text is not a rejection: a decision
 * of a round before the row was last regenerated judged a text that is gone, so it no longer counts.
 */
@Component
public class BatchResults {

  /** The latest decision taken on a row's current text, as {@code v.decision} ({@code NULL}: never decided). */
  static final String LATEST_DECISION = """
      LEFT JOIN document_review v ON v.row_id = r.id AND v.decision IS NOT NULL AND v.review_round >= r.review_round
        AND v.review_round = (SELECT MAX(w.review_round) FROM document_review w
                              WHERE w.row_id = r.id AND w.decision IS NOT NULL)""";
  static final String DELIVERED = "r.status = 'GENERATED' AND (v.decision IS NULL OR v.decision <> 'REJECTED')";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {};

  /** How an input row ended, as the export reports it. */
  public enum Outcome { DELIVERED, REJECTED_INPUT, FAILED, CANCELLED, REJECTED_IN_REVIEW, NOT_GENERATED }

  /** One line of the export. {@code checks}: the failed checks of a generated document, empty when all passed. */
  public record Line(int line, Outcome outcome, String reason, List<CheckResult> checks) {}

  /** A document to put in the package. */
  public record Delivered(long rowId, int line, String output) {}

  private final JdbcClient jdbc;
  private final MessageSource messages;

  public BatchResults(JdbcClient jdbc, MessageSource messages) {
    this.jdbc = jdbc;
    this.messages = messages;
  }

  /** {@code 000042.pdf}: documents are named by their line in the input file. */
  public static String fileName(int line, String extension) {
    return String.format(Locale.ROOT, "%06d.%s", line, extension);
  }

  public int deliveredCount(long batchId) {
    return jdbc.sql("SELECT COUNT(*) FROM document_row r " + LATEST_DECISION + " WHERE r.batch_id = :b AND "
            + DELIVERED)
        .param("b", batchId).query(Integer.class).single();
  }

  /** Every input row, by line. */
  public int inputRows(long batchId) {
    return jdbc.sql("SELECT (SELECT COUNT(*) FROM document_row WHERE batch_id = :b)"
            + " + (SELECT COUNT(*) FROM document_input_error WHERE batch_id = :b)")
        .param("b", batchId).query(Integer.class).single();
  }

  /** The delivered documents, {@code pageSize} at a time, by line. */
  public void forEachDeliveredPage(long batchId, int pageSize, Consumer<List<Delivered>> page) {
    int after = Integer.MIN_VALUE;
    while (true) {
      List<Delivered> rows = jdbc.sql("SELECT r.id, r.line_number, r.output FROM document_row r " + LATEST_DECISION
              + " WHERE r.batch_id = :b AND r.line_number > :after AND " + DELIVERED
              + " ORDER BY r.line_number LIMIT :n")
          .param("b", batchId).param("after", after).param("n", pageSize)
          .query((rs, n) -> new Delivered(rs.getLong(1), rs.getInt(2), rs.getString(3))).list();
      if (rows.isEmpty()) {
        return;
      }
      page.accept(rows);
      if (rows.size() < pageSize) {
        return;
      }
      after = rows.get(rows.size() - 1).line();
    }
  }

  /** Every input row once, by line: refused ones and accepted ones merged as both are read in pages. */
  public Iterator<Line> lines(long batchId, int pageSize) {
    Iterator<Line> refused = new Paged(pageSize, (after, n) -> jdbc.sql("""
            SELECT line_number, reason FROM document_input_error WHERE batch_id = :b AND line_number > :after
            ORDER BY line_number LIMIT :n""")
        .param("b", batchId).param("after", after).param("n", n)
        .query((rs, i) -> new Line(rs.getInt(1), Outcome.REJECTED_INPUT, rs.getString(2), List.of())).list());
    Iterator<Line> accepted = new Paged(pageSize, (after, n) -> jdbc.sql("SELECT r.line_number, r.status, r.error,"
            + " r.check_results, v.decision, v.review_comment FROM document_row r " + LATEST_DECISION
            + " WHERE r.batch_id = :b AND r.line_number > :after ORDER BY r.line_number LIMIT :n")
        .param("b", batchId).param("after", after).param("n", n)
        .query((rs, i) -> {
          String status = rs.getString("status");
          boolean rejectedInReview = "REJECTED".equals(rs.getString("decision"));
          Outcome outcome = switch (status) {
            case "GENERATED" -> rejectedInReview ? Outcome.REJECTED_IN_REVIEW : Outcome.DELIVERED;
            case "FAILED" -> Outcome.FAILED;
            case "REJECTED_INPUT" -> Outcome.REJECTED_INPUT;
            case "CANCELLED" -> Outcome.CANCELLED;
            default -> Outcome.NOT_GENERATED;
          };
          String reason = outcome == Outcome.REJECTED_IN_REVIEW ? rs.getString("review_comment") : rs.getString("error");
          return new Line(rs.getInt("line_number"), outcome, reason, checks(rs.getString("check_results")));
        }).list());
    return new Iterator<>() {
      private Line nextRefused = refused.hasNext() ? refused.next() : null;
      private Line nextAccepted = accepted.hasNext() ? accepted.next() : null;

      @Override
      public boolean hasNext() {
        return nextRefused != null || nextAccepted != null;
      }

      @Override
      public Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Line line;
        if (nextAccepted == null || (nextRefused != null && nextRefused.line() <= nextAccepted.line())) {
          line = nextRefused;
          nextRefused = refused.hasNext() ? refused.next() : null;
        } else {
          line = nextAccepted;
          nextAccepted = accepted.hasNext() ? accepted.next() : null;
        }
        return line;
      }
    };
  }

  /**
   * The export: one line per input row (line, outcome, reason, files, failed checks), headers and outcomes in the
   * requester's language, {@code ;}-separated for Spanish and Portuguese spreadsheets ({@code ,} for English), UTF-8
   * with a BOM so that a spreadsheet reads the accents. Every cell goes through {@link CsvCells#neutralize}.
   *
   * @param renderFailures lines whose document could not be drawn (the package leaves them out), with the reason
   */
  public void writeCsv(long batchId, boolean docx, Locale locale, int pageSize, Map<Integer, String> renderFailures,
      OutputStream out) {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setDelimiter(locale.getLanguage().equals("en") ? ',' : ';')
        .setRecordSeparator("\r\n")
        .get();
    try {
      writer.write('\uFEFF');
      CSVPrinter csv = new CSVPrinter(writer, format);
      csv.printRecord(List.of("line", "status", "reason", "files", "checks").stream()
          .map(column -> CsvCells.neutralize(message("documents.delivery.csv." + column, locale))).toList());
      Iterator<Line> lines = lines(batchId, pageSize);
      while (lines.hasNext()) {
        Line line = lines.next();
        Outcome outcome = line.outcome();
        String reason = outcome == Outcome.REJECTED_INPUT ? IntakeReason.text(line.reason(), locale) : line.reason();
        String failure = renderFailures.get(line.line());
        List<String> files = new ArrayList<>();
        if (outcome == Outcome.DELIVERED && failure == null) {
          files.add(fileName(line.line(), "pdf"));
          if (docx) {
            files.add(fileName(line.line(), "docx"));
          }
        }
        String status = failure != null ? message("documents.delivery.outcome.RENDER_FAILED", locale)
            : message("documents.delivery.outcome." + outcome.name(), locale);
        String checks = line.checks().stream()
            .map(check -> (check.section() == null ? "" : check.section() + " · ") + check.check() + ": "
                + check.reason())
            .collect(Collectors.joining(" | "));
        csv.printRecord(List.of(String.valueOf(line.line()), status,
                failure != null ? failure : reason == null ? "" : reason, String.join(" ", files), checks).stream()
            .map(CsvCells::neutralize).toList());
      }
      csv.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }

  static List<CheckResult> checks(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, CHECKS);
    } catch (JsonProcessingException e) {
      return List.of(new CheckResult("unreadable", null, json.length() > 200 ? json.substring(0, 200) : json));
    }
  }

  /** Rows read {@code pageSize} at a time after the last line seen. */
  private static final class Paged implements Iterator<Line> {
    private final int pageSize;
    private final BiFunction<Integer, Integer, List<Line>> query;
    private List<Line> page = List.of();
    private int index;
    private boolean last;

    Paged(int pageSize, BiFunction<Integer, Integer, List<Line>> query) {
      this.pageSize = pageSize;
      this.query = query;
    }

    @Override
    public boolean hasNext() {
      if (index < page.size()) {
        return true;
      }
      if (last) {
        return false;
      }
      int after = page.isEmpty() ? Integer.MIN_VALUE : page.get(page.size() - 1).line();
      page = query.apply(after, pageSize);
      index = 0;
      last = page.size() < pageSize;
      return !page.isEmpty();
    }

    @Override
    public Line next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }
  }
}
