package io.escala.documents;

/** Cells of the CSV files Escala writes (exports of results), safe to open in a spreadsheet. */
public final class CsvCells {

  private CsvCells() {}

  /**
   * A cell starting with {@code =}, {@code +}, {@code -}, {@code @} (or a tab or carriage return, which spreadsheets
   * skip before reading a formula) is prefixed with an apostrophe, so it is shown as text and never run as a formula
   * (OWASP "CSV injection").
   */
  public static String neutralize(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char first = cell.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + cell
        : cell;
  }
}
