package io.kodama.voice.prompts;

import java.util.List;

/**
 * What one call should say.
 *
 * @param languages the languages, in order: {@code [JA]}, {@code [EN]} or {@code [JA, EN]}
 *     (Japanese first, then English); each part of the call is said in each language in turn
 * @param brand the tenant's brand name, read by the synthesizer; null or blank for none
 * @param code the code, digits only (never log it)
 * @param repetitions how many times the code is read (1–10, default 3)
 * @param gate whether to wait for a key before reading the code
 * @param gateDigit the digit to press when {@code gate} is {@link GateMode#DIGIT}, else ignored
 * @param payment the payment the code confirms, read before the code; null for none
 */
public record CallScript(
    List<PromptLanguage> languages,
    String brand,
    String code,
    int repetitions,
    GateMode gate,
    int gateDigit,
    Payment payment) {

  /** Reads the code three times unless told otherwise. */
  public static final int DEFAULT_REPETITIONS = 3;

  /** A call that confirms no payment. */
  public CallScript(
      List<PromptLanguage> languages, String brand, String code, int repetitions, GateMode gate, int gateDigit) {
    this(languages, brand, code, repetitions, gate, gateDigit, null);
  }

  public CallScript {
    languages = List.copyOf(languages);
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("a call needs at least one language");
    }
    if (code == null || code.isEmpty() || code.length() > 20 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("the code must be 1 to 20 digits");
    }
    if (repetitions < 1 || repetitions > 10) {
      throw new IllegalArgumentException("repetitions must be 1 to 10, was " + repetitions);
    }
    if (gate == null) {
      throw new IllegalArgumentException("gate mode missing");
    }
    if (gate == GateMode.DIGIT && (gateDigit < 0 || gateDigit > 9)) {
      throw new IllegalArgumentException("the gate digit must be 0 to 9, was " + gateDigit);
    }
  }

  /**
   * The languages for a verification's locale: {@code ja} → Japanese, {@code en} → English,
   * {@code ja+en} (or {@code ja,en}) → Japanese then English.
   */
  public static List<PromptLanguage> languagesOf(String locale) {
    return java.util.Arrays.stream(locale.split("[+,]"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(PromptLanguage::of)
        .distinct()
        .toList();
  }

  @Override
  public String toString() {
    return "CallScript[languages=" + languages + ", brand=" + brand + ", code=<" + code.length()
        + " digits>, repetitions=" + repetitions + ", gate=" + gate + "]";
  }
}
