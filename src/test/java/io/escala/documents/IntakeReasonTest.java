package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A refused row's reason, kept as a key and arguments, in the language of whoever reads it. */
class IntakeReasonTest {

  private static final Locale ES = Locale.forLanguageTag("es");
  private static final Locale PT = Locale.forLanguageTag("pt-BR");

  @Test
  void aReasonReadsInSpanishPortugueseAndEnglish() {
    String stored = IntakeReason.of("missingCells", "ciudad, curso", 1, 3);
    assertThat(IntakeReason.text(stored, ES)).isEqualTo("faltan columnas: ciudad, curso (1 de 3 celdas)");
    assertThat(IntakeReason.text(stored, PT)).isEqualTo("faltam colunas: ciudad, curso (1 de 3 células)");
    assertThat(IntakeReason.text(stored, Locale.ENGLISH)).isEqualTo("missing columns: ciudad, curso (1 of 3 cells)");
  }

  @Test
  void aRecordOverSeveralLinesNamesItsLastOneAndNumbersFollowTheLanguage() {
    assertThat(IntakeReason.text(IntakeReason.of("unclosedQuote"), ES))
        .isEqualTo("un campo entre comillas nunca se cierra");
    assertThat(IntakeReason.text(IntakeReason.of("unclosedQuoteTo", 1204), PT))
        .isEqualTo("um campo entre aspas nunca é fechado (até a linha 1204)");
    assertThat(IntakeReason.text(IntakeReason.of("fieldTooLong", "empresa", 32768), ES))
        .isEqualTo("el campo empresa tiene más de 32.768 caracteres");
  }

  @Test
  void aLanguageWithoutItsOwnTextsGetsSpanishNotTheMachinesLanguage() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.ENGLISH);
      assertThat(IntakeReason.text(IntakeReason.of("fileEmpty"), Locale.forLanguageTag("es-MX")))
          .isEqualTo("el archivo está vacío");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aReasonStoredAsTextBeforeReasonsWereKeyedIsShownAsItIs() {
    assertThat(IntakeReason.text("missing columns: nombre (0 of 1 cells)", ES))
        .isEqualTo("missing columns: nombre (0 of 1 cells)");
  }
}
