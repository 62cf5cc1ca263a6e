package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"})
  void formulasBecomeText(String cell) {
    assertThat(CsvCells.neutralize(cell)).isEqualTo("'" + cell);
  }

  @Test
  void ordinaryCellsStayAsTheyAre() {
    assertThat(CsvCells.neutralize("Ana = socia")).isEqualTo("Ana = socia");
    assertThat(CsvCells.neutralize("12,50")).isEqualTo("12,50");
    assertThat(CsvCells.neutralize("")).isEmpty();
    assertThat(CsvCells.neutralize(null)).isNull();
  }
}
