package io.escala.payments;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An exact amount in one of the currencies Escala sells in, with exactly the currency's ISO 4217 digits (CLP none,
 * the others two): {@code 150.5 BRL} is kept as {@code 150.50}, and {@code 1500.5 CLP} is refused rather than rounded.
 * Providers that take fewer digits than ISO (Mercado Pago takes whole COP) refuse in their adapter.
 */
public record Money(BigDecimal amount, Currency currency) {

  /** Mexico, Colombia, Argentina, Brazil, Chile, Peru and US dollars. */
  public static final Set<String> SUPPORTED = Set.of("MXN", "COP", "ARS", "BRL", "CLP", "PEN", "USD");

  public Money {
    Objects.requireNonNull(amount, "an amount is needed");
    Objects.requireNonNull(currency, "a currency is needed");
    if (!SUPPORTED.contains(currency.getCurrencyCode())) {
      throw new IllegalArgumentException("Escala takes payments in " + String.join(", ", SUPPORTED.stream().sorted()
          .toList()) + ", not " + currency.getCurrencyCode());
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("An amount cannot be negative: " + amount.toPlainString());
    }
    int digits = currency.getDefaultFractionDigits();
    if (amount.stripTrailingZeros().scale() > digits) {
      throw new IllegalArgumentException(currency.getCurrencyCode() + " has " + digits + " decimal digits, so "
          + amount.toPlainString() + " is not an amount in it");
    }
    amount = amount.setScale(digits);
  }

  /** @param currencyCode ISO 4217, any case */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), currency(currencyCode));
  }

  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, currency(currencyCode));
  }

  /** From the smallest unit: cents, or whole pesos for CLP; what Stripe calls a zero-decimal currency's amount. */
  public static Money ofMinorUnits(long minorUnits, String currencyCode) {
    Currency currency = currency(currencyCode);
    return new Money(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()), currency);
  }

  /** The amount in the smallest unit ({@code 150.50 BRL} → 15050, {@code 15000 CLP} → 15000). */
  public long minorUnits() {
    return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  public boolean isWhole() {
    return amount.stripTrailingZeros().scale() <= 0;
  }

  /** As a reader in {@code locale} writes it: {@code R$ 150,50} (pt-BR), {@code $15.000} (es-CL, CLP). */
  public String format(Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(currency);
    format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
    format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
    return format.format(amount);
  }

  /**
   * As the currency's own country writes it ({@code R$ 297,00}, {@code $1,490.00} for MXN in Mexico): for staff who
   * check the amount against a bank statement in that currency, whatever language they read.
   */
  public String formatAtHome() {
    return format(HOME.get(currencyCode()));
  }

  private static final java.util.Map<String, Locale> HOME = java.util.Map.of(
      "MXN", Locale.forLanguageTag("es-MX"), "COP", Locale.forLanguageTag("es-CO"),
      "ARS", Locale.forLanguageTag("es-AR"), "BRL", Locale.forLanguageTag("pt-BR"),
      "CLP", Locale.forLanguageTag("es-CL"), "PEN", Locale.forLanguageTag("es-PE"), "USD", Locale.US);

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }

  private static Currency currency(String code) {
    Objects.requireNonNull(code, "a currency code is needed");
    try {
      return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code");
    }
  }
}
