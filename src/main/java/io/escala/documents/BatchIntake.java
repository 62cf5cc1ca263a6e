package io.escala.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an upload (CSV, or JSON rows from the REST endpoint) into a batch: rows that pass validation go to
 * {@code document_row} as PENDING, in JDBC batches as they are read; every other row goes to the batch's error report
 * with its line and reason. The file is streamed: at most one record (capped) and one insert batch are in memory.
 *
 * <p>CSV: UTF-8 with or without BOM; the delimiter ({@code ;} as Spanish Excel writes it, or {@code ,}) is the one
 * the header line holds more of outside quotes. Bytes that are not UTF-8 reject their row ("not UTF-8"), not the file.
 */
@Service
public class BatchIntake {

  static final int INSERT_BATCH = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome of an upload: the batch, and how many rows went each way. */
  public record IntakeReport(long batchId, int accepted, int rejected, boolean refused) {}

  /** A rejected row: its line in the file (the header is line 1; JSON rows count from 1) and why. */
  public record InputError(int line, String reason) {}

  private final DocumentTemplates templates;
  private final DocumentBatches batches;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final DocumentsProperties properties;

  public BatchIntake(DocumentTemplates templates, DocumentBatches batches, JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager, Clock clock, DocumentsProperties properties) {
    this.templates = templates;
    this.batches = batches;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * @param columnToVariable header name → template variable; a column not named here keeps its header as its name
   */
  public IntakeReport csv(long templateVersionId, String model, String requestedBy, InputStream upload,
      Map<String, String> columnToVariable) {
    TemplateVersion version = templates.version(templateVersionId);
    long batchId = batches.open(templateVersionId, model, requestedBy, DocumentBatch.Source.CSV);
    Sink sink = new Sink(batchId, version, model);
    try (Reader reader = utf8(upload)) {
      CsvRecords records = new CsvRecords(reader, properties.maxRowChars());
      CsvRecords.RawRecord header = records.next();
      Header parsed = header == null ? null : header(header, records, sink);
      if (parsed == null) {
        if (header == null) {
          sink.reject(1, IntakeReason.of("fileEmpty"));
        }
        return sink.finish(true);
      }
      List<String> columns = parsed.columns();
      CSVFormat format = format(parsed.delimiter());
      Set<String> required = TemplateRenderer.variables(version);
      List<String> variables = columns.stream().map(column -> columnToVariable.getOrDefault(column, column)).toList();
      List<String> missing = required.stream().filter(variable -> !variables.contains(variable)).toList();
      if (!missing.isEmpty()) {
        sink.reject(header.firstLine(), IntakeReason.of("noColumnFor", String.join(", ", missing),
            String.join(", ", columns)));
        return sink.finish(true);
      }
      CsvRecords.RawRecord raw;
      while ((raw = records.next()) != null) {
        if (sink.full()) {
          sink.reject(raw.firstLine(), IntakeReason.of("tooManyRows", properties.maxRows()));
          return sink.finish(false);
        }
        if (raw.tooLarge()) {
          sink.reject(raw.firstLine(), spanning("rowTooLong", raw, properties.maxRowChars()));
          continue;
        }
        if (raw.unterminatedQuote()) {
          sink.reject(raw.firstLine(), spanning("unclosedQuote", raw));
          continue;
        }
        List<String> cells = cells(raw.text(), format);
        if (cells == null) {
          sink.reject(raw.firstLine(), spanning("notCsv", raw));
          continue;
        }
        if (cells.size() < columns.size()) {
          sink.reject(raw.firstLine(), IntakeReason.of("missingCells", String.join(", ", columns.subList(cells.size(),
              columns.size())), cells.size(), columns.size()));
          continue;
        }
        if (cells.size() > columns.size()) {
          sink.reject(raw.firstLine(), IntakeReason.of("tooManyCells", cells.size(), columns.size()));
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
          row.put(variables.get(i), cells.get(i));
        }
        sink.offer(raw.firstLine(), row);
      }
      return sink.finish(false);
    } catch (IOException e) {
      throw new UncheckedIOException("upload of batch " + batchId + " could not be read", e);
    }
  }

  /** JSON rows: the same validation, line = position in the list, from 1. */
  public IntakeReport json(long templateVersionId, String model, String requestedBy,
      List<Map<String, String>> rows) {
    TemplateVersion version = templates.version(templateVersionId);
    long batchId = batches.open(templateVersionId, model, requestedBy, DocumentBatch.Source.JSON);
    Sink sink = new Sink(batchId, version, model);
    Set<String> required = TemplateRenderer.variables(version);
    for (int i = 0; i < rows.size(); i++) {
      int line = i + 1;
      if (sink.full()) {
        sink.reject(line, IntakeReason.of("tooManyRows", properties.maxRows()));
        break;
      }
      Map<String, String> row = rows.get(i) == null ? Map.of() : rows.get(i);
      List<String> missing = required.stream().filter(variable -> !row.containsKey(variable)).toList();
      if (!missing.isEmpty()) {
        sink.reject(line, IntakeReason.of("missingColumns", String.join(", ", missing)));
        continue;
      }
      sink.offer(line, new LinkedHashMap<>(row));
    }
    return sink.finish(false);
  }

  public List<InputError> errors(long batchId) {
    return errors(batchId, Locale.ENGLISH);
  }

  /** The batch's refused rows, each reason in {@code locale} (es, pt-BR or en). */
  public List<InputError> errors(long batchId, Locale locale) {
    return jdbc.query("SELECT line_number, reason FROM document_input_error WHERE batch_id = ?"
            + " ORDER BY line_number, id",
        (rs, row) -> new InputError(rs.getInt(1), IntakeReason.text(rs.getString(2), locale)), batchId);
  }

  /**
   * The key of a row's generation: the template version, the model and the values the template uses (sorted), so the
   * same row in another batch of the same version and model is the same request, and a changed value is a new one.
   */
  static String idempotencyKey(long templateVersionId, String model, Map<String, String> values) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String canonical = templateVersionId + "\n" + model + "\n" + JSON.writeValueAsString(new TreeMap<>(values));
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** BOM skipped; malformed bytes become U+FFFD, which rejects the row they are in. */
  private static Reader utf8(InputStream upload) throws IOException {
    PushbackInputStream in = new PushbackInputStream(upload, 3);
    byte[] bom = in.readNBytes(3);
    boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
    if (!hasBom && bom.length > 0) {
      in.unread(bom);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new InputStreamReader(in, decoder);
  }

  /** The header's column names, with the delimiter it uses set on {@code records}; {@code null}: file refused. */
  private record Header(List<String> columns, char delimiter) {}

  private Header header(CsvRecords.RawRecord header, CsvRecords records, Sink sink) {
    if (header.tooLarge() || header.unterminatedQuote()) {
      sink.reject(header.firstLine(), IntakeReason.of("notHeader"));
      return null;
    }
    if (header.text().indexOf('\uFFFD') >= 0) {
      sink.reject(header.firstLine(), IntakeReason.of("notUtf8"));
      return null;
    }
    char delimiter = delimiterOf(header.text());
    records.delimiter(delimiter);
    List<String> cells = cells(header.text(), format(delimiter));
    if (cells == null || cells.isEmpty()) {
      sink.reject(header.firstLine(), IntakeReason.of("notHeader"));
      return null;
    }
    List<String> columns = cells.stream().map(String::strip).toList();
    if (columns.stream().anyMatch(String::isEmpty)) {
      sink.reject(header.firstLine(), IntakeReason.of("unnamedColumn"));
      return null;
    }
    if (columns.stream().distinct().count() < columns.size()) {
      sink.reject(header.firstLine(), IntakeReason.of("duplicateColumn"));
      return null;
    }
    return new Header(columns, delimiter);
  }

  /** {@code ;} or {@code ,}: whichever the header holds more of outside quotes ({@code ,} on a tie). */
  static char delimiterOf(String headerLine) {
    int semicolons = 0;
    int commas = 0;
    boolean quoted = false;
    for (int i = 0; i < headerLine.length(); i++) {
      char c = headerLine.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ';') {
        semicolons++;
      } else if (!quoted && c == ',') {
        commas++;
      }
    }
    return semicolons > commas ? ';' : ',';
  }

  private static CSVFormat format(char delimiter) {
    return CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
  }

  /** The cells of one record, or {@code null} when Commons CSV cannot read it. */
  private static List<String> cells(String text, CSVFormat format) {
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        return null;
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return null;
    }
  }

  /** A reason about a record; one that spans several lines names its last ({@code key + "To"}, the line last). */
  private static String spanning(String key, CsvRecords.RawRecord raw, Object... args) {
    if (raw.lastLine() <= raw.firstLine()) {
      return IntakeReason.of(key, args);
    }
    Object[] withLine = java.util.Arrays.copyOf(args, args.length + 1);
    withLine[args.length] = raw.lastLine();
    return IntakeReason.of(key + "To", withLine);
  }

  /** Validates rows, and writes accepted rows and errors in JDBC batches. */
  private final class Sink {

    private final long batchId;
    private final TemplateVersion version;
    private final String model;
    private final Set<String> required;
    private final List<Object[]> rows = new ArrayList<>(INSERT_BATCH);
    private final List<Object[]> errors = new ArrayList<>();
    private int accepted;
    private int rejected;

    Sink(long batchId, TemplateVersion version, String model) {
      this.batchId = batchId;
      this.version = version;
      this.model = model;
      this.required = TemplateRenderer.variables(version);
    }

    boolean full() {
      return accepted >= properties.maxRows();
    }

    void offer(int line, Map<String, String> row) {
      for (Map.Entry<String, String> cell : row.entrySet()) {
        String value = cell.getValue();
        if (value != null && value.length() > properties.maxFieldChars()) {
          reject(line, IntakeReason.of("fieldTooLong", cell.getKey(), properties.maxFieldChars()));
          return;
        }
        if (value != null && value.indexOf('\uFFFD') >= 0) {
          reject(line, IntakeReason.of("fieldNotUtf8", cell.getKey()));
          return;
        }
      }
      List<String> empty = required.stream().filter(name -> row.get(name) == null || row.get(name).isBlank())
          .toList();
      if (!empty.isEmpty()) {
        reject(line, IntakeReason.of("emptyValue", String.join(", ", empty)));
        return;
      }
      Map<String, String> used = new TreeMap<>();
      required.forEach(name -> used.put(name, row.get(name)));
      String input;
      try {
        input = JSON.writeValueAsString(row);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      rows.add(new Object[] {batchId, line, input, idempotencyKey(version.id(), model, used)});
      accepted++;
      if (rows.size() >= INSERT_BATCH) {
        flush();
      }
    }

    void reject(int line, String reason) {
      errors.add(new Object[] {batchId, line, reason.length() > 500 ? reason.substring(0, 497) + "..." : reason,
          Timestamp.from(clock.instant())});
      rejected++;
      if (errors.size() >= INSERT_BATCH) {
        flush();
      }
    }

    void flush() {
      if (rows.isEmpty() && errors.isEmpty()) {
        return;
      }
      transaction.executeWithoutResult(status -> {
        if (!rows.isEmpty()) {
          jdbc.batchUpdate("INSERT INTO document_row (batch_id, line_number, input_json, status, idempotency_key)"
              + " VALUES (?, ?, ?, 'PENDING', ?)", rows);
        }
        if (!errors.isEmpty()) {
          jdbc.batchUpdate("INSERT INTO document_input_error (batch_id, line_number, reason, created_at)"
              + " VALUES (?, ?, ?, ?)", errors);
        }
      });
      rows.clear();
      errors.clear();
    }

    IntakeReport finish(boolean refused) {
      flush();
      batches.received(batchId, accepted, rejected, refused);
      return new IntakeReport(batchId, accepted, rejected, refused);
    }
  }
}
