package io.kodama.voice.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KanaNumbersTest {

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "1, いち",
    "11, じゅういち",
    "100, ひゃく",
    "300, さんびゃく",
    "600, ろっぴゃく",
    "800, はっぴゃく",
    "1000, せん",
    "3000, さんぜん",
    "8000, はっせん",
    "10000, いちまん",
    "50000, ごまん",
    "12345, いちまん にせんさんびゃくよんじゅうご",
    "10000000, いっせんまん",
    "100000001, いちおく いち",
    "1000000000000, いっちょう",
    "8000000000000, はっちょう",
    "10000000000000, じゅっちょう",
    "999999999999999, きゅうひゃくきゅうじゅうきゅうちょう きゅうせんきゅうひゃくきゅうじゅうきゅうおく"
        + " きゅうせんきゅうひゃくきゅうじゅうきゅうまん きゅうせんきゅうひゃくきゅうじゅうきゅう",
    "12.5, じゅうに てん ご",
    "0.05, ゼロ てん ゼロ ご",
  })
  void readsAmountsAsTheyAreSaidInJapanese(String decimal, String kana) {
    assertThat(KanaNumbers.of(decimal)).isEqualTo(kana);
  }
}
