package io.escala.documents;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits decoded CSV text into records (RFC 4180 quoting: a quoted field may hold delimiters, quotes doubled and line
 * breaks) without holding more than {@code maxRecordChars} of one record: a longer record is read to its end and
 * dropped, so a 10 MB field costs a scan, not 10 MB of memory. Each record's text is then parsed by Commons CSV
 * ({@link BatchIntake}); Commons CSV itself has no size limit and would build the whole field.
 */
final class CsvRecords {

  /** One record; {@code text} is {@code null} when it was longer than the cap. */
  record RawRecord(String text, int firstLine, int lastLine, boolean tooLarge, boolean unterminatedQuote) {}

  private final Reader in;
  private final int maxRecordChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int length;
  private int line = 1;
  private char delimiter;

  CsvRecords(Reader in, int maxRecordChars) {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /** Until it is set (after the header), both {@code ;} and {@code ,} start a field. */
  void delimiter(char delimiter) {
    this.delimiter = delimiter;
  }

  /** The next non-empty record, or {@code null} at the end of the input. */
  RawRecord next() throws IOException {
    while (true) {
      int first = peek();
      if (first < 0) {
        return null;
      }
      if (first == '\n' || first == '\r') {
        // an empty line is no row (as Commons CSV skips it)
        read();
        if (first == '\r' && peek() == '\n') {
          read();
        }
        line++;
        continue;
      }
      return record();
    }
  }

  private RawRecord record() throws IOException {
    StringBuilder text = new StringBuilder(256);
    int firstLine = line;
    boolean tooLarge = false;
    boolean quoted = false;
    boolean fieldStart = true;
    while (true) {
      int c = read();
      if (c < 0) {
        break;
      }
      if (quoted) {
        if (c == '"') {
          if (peek() == '"') {
            read();
            tooLarge = append(text, '"', tooLarge);
          } else {
            quoted = false;
          }
        } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
          line++;
        }
        tooLarge = append(text, (char) c, tooLarge);
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (c == '\r' && peek() == '\n') {
          read();
        }
        line++;
        return new RawRecord(tooLarge ? null : text.toString(), firstLine, line - 1, tooLarge, false);
      }
      if (c == '"' && fieldStart) {
        quoted = true;
      }
      fieldStart = isDelimiter((char) c);
      tooLarge = append(text, (char) c, tooLarge);
    }
    return new RawRecord(tooLarge ? null : text.toString(), firstLine, line, tooLarge, quoted);
  }

  private boolean isDelimiter(char c) {
    return delimiter == 0 ? c == ';' || c == ',' : c == delimiter;
  }

  /** @return whether the record is over the cap; once it is, nothing more is kept */
  private boolean append(StringBuilder text, char c, boolean tooLarge) {
    if (tooLarge) {
      return true;
    }
    if (text.length() >= maxRecordChars) {
      text.setLength(0);
      text.trimToSize();
      return true;
    }
    text.append(c);
    return false;
  }

  private int peek() throws IOException {
    if (position == length && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private int read() throws IOException {
    if (position == length && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    position = 0;
    length = n;
    return true;
  }
}
