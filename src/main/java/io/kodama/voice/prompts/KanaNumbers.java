package io.kodama.voice.prompts;

/**
 * Decimal numbers written as they are read in Japanese, in kana, for the synthesizer: 50000 →
 * 「ごまん」, 12.5 → 「じゅうに てん ご」. Groups of four digits (まん, おく, ちょう) with the usual
 * sound changes (さんびゃく, はっせん, いっちょう, …).
 */
final class KanaNumbers {

  private static final String[] DIGITS = {"ゼロ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"};
  private static final String[] GROUPS = {"", "まん", "おく", "ちょう"};

  private KanaNumbers() {}

  /**
   * Reads a plain decimal.
   *
   * @param decimal digits, at most 16 before the point, optionally a point and digits
   */
  static String of(String decimal) {
    int point = decimal.indexOf('.');
    String whole = point < 0 ? decimal : decimal.substring(0, point);
    StringBuilder out = new StringBuilder(integer(whole));
    if (point >= 0) {
      out.append(" てん");
      for (char c : decimal.substring(point + 1).toCharArray()) {
        out.append(' ').append(DIGITS[c - '0']);
      }
    }
    return out.toString();
  }

  private static String integer(String digits) {
    if (digits.chars().allMatch(c -> c == '0')) {
      return DIGITS[0];
    }
    StringBuilder out = new StringBuilder();
    int groups = (digits.length() + 3) / 4;
    for (int g = groups - 1; g >= 0; g--) {
      int end = digits.length() - 4 * g;
      int value = Integer.parseInt(digits.substring(Math.max(0, end - 4), end));
      if (value == 0) {
        continue;
      }
      String group = belowTenThousand(value, g > 0);
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(g == 3 ? beforeCho(group) : group).append(GROUPS[g]);
    }
    return out.toString();
  }

  /** いっちょう, はっちょう, じゅっちょう. */
  private static String beforeCho(String group) {
    for (String[] change : new String[][] {{"いち", "いっ"}, {"はち", "はっ"}, {"じゅう", "じゅっ"}}) {
      if (group.endsWith(change[0])) {
        return group.substring(0, group.length() - change[0].length()) + change[1];
      }
    }
    return group;
  }

  /** 1–9999; {@code beforeUnit}: followed by まん, おく or ちょう (1000 is then いっせん). */
  private static String belowTenThousand(int value, boolean beforeUnit) {
    int thousands = value / 1000;
    int hundreds = value / 100 % 10;
    int tens = value / 10 % 10;
    int ones = value % 10;
    StringBuilder out = new StringBuilder();
    switch (thousands) {
      case 0 -> { }
      case 1 -> out.append(beforeUnit ? "いっせん" : "せん");
      case 3 -> out.append("さんぜん");
      case 8 -> out.append("はっせん");
      default -> out.append(DIGITS[thousands]).append("せん");
    }
    switch (hundreds) {
      case 0 -> { }
      case 1 -> out.append("ひゃく");
      case 3 -> out.append("さんびゃく");
      case 6 -> out.append("ろっぴゃく");
      case 8 -> out.append("はっぴゃく");
      default -> out.append(DIGITS[hundreds]).append("ひゃく");
    }
    if (tens > 0) {
      out.append(tens == 1 ? "" : DIGITS[tens]).append("じゅう");
    }
    if (ones > 0) {
      out.append(DIGITS[ones]);
    }
    return out.toString();
  }
}
