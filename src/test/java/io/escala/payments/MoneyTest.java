package io.escala.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void keepsEachCurrencysDigits() {
    assertThat(Money.of("150.5", "brl").amount()).isEqualTo(new BigDecimal("150.50"));
    assertThat(Money.of("15000", "CLP").amount()).isEqualTo(new BigDecimal("15000"));
    assertThat(Money.of("150000", "COP").amount()).isEqualTo(new BigDecimal("150000.00"));
    // a stored NUMERIC(19,2) gives CLP two zero decimals back: still the same whole amount
    assertThat(Money.of("15000.00", "CLP")).isEqualTo(Money.of("15000", "CLP"));
  }

  @Test
  void refusesMoreDigitsThanTheCurrencyHasInsteadOfRounding() {
    assertThatThrownBy(() -> Money.of("15000.5", "CLP"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CLP has 0 decimal digits");
    assertThatThrownBy(() -> Money.of("10.005", "MXN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MXN has 2 decimal digits");
  }

  @Test
  void refusesCurrenciesEscalaDoesNotSellInAndNegativeAmounts() {
    assertThatThrownBy(() -> Money.of("10", "EUR")).hasMessageContaining("not EUR");
    assertThatThrownBy(() -> Money.of("10", "XYZ")).hasMessageContaining("not an ISO 4217 currency code");
    assertThatThrownBy(() -> Money.of("-1", "USD")).hasMessageContaining("cannot be negative");
  }

  @Test
  void minorUnitsAreCentsExceptForZeroDecimalPesos() {
    assertThat(Money.of("150.50", "BRL").minorUnits()).isEqualTo(15050);
    assertThat(Money.of("150000", "COP").minorUnits()).isEqualTo(15_000_000);
    assertThat(Money.of("15000", "CLP").minorUnits()).isEqualTo(15000);
    assertThat(Money.ofMinorUnits(15050, "brl")).isEqualTo(Money.of("150.50", "BRL"));
    assertThat(Money.ofMinorUnits(15000, "CLP")).isEqualTo(Money.of("15000", "CLP"));
    assertThat(Money.ofMinorUnits(4900, "USD").amount()).isEqualByComparingTo(new BigDecimal("49"));
  }

  /** Spaces in these formats are no-break spaces (U+00A0), written here as '_'. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "es-MX | MXN | 1500.5 |   $1,500.50",
      "es-CO | COP | 150000 |   $_150.000,00",
      "es-AR | ARS | 12500.75 | $_12.500,75",
      "pt-BR | BRL | 150.5 |    R$_150,50",
      "es-CL | CLP | 15000 |    $15.000",
      "es-PE | PEN | 99.9 |     S/_99.90",
      "en-US | USD | 49 |       $49.00",
      "en-US | CLP | 15000 |    CLP15,000",
  })
  void formatsForTheReadersLocale(String locale, String currency, String amount, String expected) {
    assertThat(Money.of(amount, currency).format(Locale.forLanguageTag(locale)))
        .isEqualTo(expected.replace('_', '\u00a0'));
  }

  @Test
  void staffSeeAnAmountAsTheCurrencysOwnCountryWritesIt() {
    assertThat(Money.of("297", "BRL").formatAtHome()).isEqualTo("R$\u00a0297,00");
    assertThat(Money.of("15000", "CLP").formatAtHome()).isEqualTo("$15.000");
    assertThat(Money.of("1490", "MXN").formatAtHome()).isEqualTo("$1,490.00");
    assertThat(Money.of("99.5", "USD").formatAtHome()).isEqualTo("$99.50");
  }
}
