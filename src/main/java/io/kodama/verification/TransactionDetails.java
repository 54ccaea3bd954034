package io.kodama.verification;

import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Currency;
import java.util.Locale;

/**
 * What a {@code transaction} verification confirms (dynamic linking): the amount, its currency and
 * the payee. The code's keyed hash covers them, so a check must present the same values.
 *
 * @param amount a plain decimal without trailing zeros, e.g. {@code 50000} or {@code 12.5}
 * @param currency ISO 4217, e.g. {@code JPY}
 * @param payee NFKC-normalised, trimmed, inner spaces collapsed
 */
public record TransactionDetails(String amount, String currency, String payee) {

  /**
   * Checks and normalises what a client sent; null when all three are null.
   *
   * @throws ApiException {@code validation} naming the field
   */
  public static TransactionDetails of(String amount, String currency, String payee) {
    if (amount == null && currency == null && payee == null) {
      return null;
    }
    if (currency == null || !currency.trim().matches("[A-Za-z]{3}")) {
      throw invalid("currency", "currency must be an ISO 4217 code such as JPY");
    }
    Currency checked;
    try {
      checked = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("currency", "currency must be an ISO 4217 code such as JPY");
    }
    return new TransactionDetails(normalAmount(amount, checked), checked.getCurrencyCode(), normalPayee(payee));
  }

  static String normalAmount(String amount, Currency currency) {
    if (amount == null || !amount.trim().matches("\\d{1,15}(\\.\\d{1,4})?")) {
      throw invalid("amount", "amount must be a positive decimal such as 50000 or 12.50");
    }
    BigDecimal value = new BigDecimal(amount.trim()).stripTrailingZeros();
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    if (value.signum() <= 0 || value.scale() > digits) {
      throw invalid("amount", "amount must be positive with at most " + digits + " decimals for "
          + currency.getCurrencyCode());
    }
    return value.toPlainString();
  }

  static String normalPayee(String payee) {
    String normal = payee == null ? "" : Normalizer.normalize(payee, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ");
    if (normal.isEmpty() || normal.length() > 100) {
      throw invalid("payee", "payee must be 1 to 100 characters");
    }
    return normal;
  }

  /** What the code hash covers besides the code. */
  String hashInput() {
    return amount + "\u0000" + currency + "\u0000" + payee;
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException(ProblemType.VALIDATION, message).with("field", field);
  }
}
