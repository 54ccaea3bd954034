package io.kodama.voice.prompts;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * The payment a code confirms (a verification with purpose {@code transaction}), read before the
 * code as the SMS shows it above the code. The words are synthesized: Japanese in kana (espeak-ng
 * reads neither kanji nor large numbers right in Japanese), English with the amount in figures.
 *
 * @param amount a plain decimal, at most 15 digits and 4 decimals ({@code 50000}, {@code 12.5})
 * @param currency ISO 4217 ({@code JPY})
 * @param payee who is paid, as the customer sees it in the SMS
 */
public record Payment(String amount, String currency, String payee) {

  public Payment {
    if (amount == null || !amount.matches("\\d{1,15}(\\.\\d{1,4})?")) {
      throw new IllegalArgumentException("the amount must be a decimal such as 50000 or 12.5");
    }
    Currency.getInstance(currency == null ? "" : currency); // IllegalArgumentException if unknown
    if (payee == null || payee.isBlank()) {
      throw new IllegalArgumentException("the payee is missing");
    }
  }

  /**
   * What the voice says: ja 「おふりこみ ごまんえん、 ふりこみさき ACME Shop」, en "A payment of 50,000
   * Japanese Yen to ACME Shop".
   *
   * @param withPayee false for the amount alone, when the payee cannot be read (kanji)
   */
  String words(PromptLanguage language, boolean withPayee) {
    if (language == PromptLanguage.JA) {
      String money = KanaNumbers.of(amount) + ("JPY".equals(currency) ? "えん" : " " + currency);
      return "おふりこみ " + money + (withPayee ? "、 ふりこみさき " + payee.strip() : "");
    }
    String figures =
        new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT))
            .format(new BigDecimal(amount));
    return "A payment of " + figures + " "
        + Currency.getInstance(currency).getDisplayName(Locale.ENGLISH)
        + (withPayee ? " to " + payee.strip() : "");
  }
}
