package io.kodama.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmsEncodingTest {

  @Test
  void gsmTableHasAllSeptets() {
    assertThat(SmsEncoding.GSM_BASIC).hasSize(128);
    assertThat(SmsEncoding.GSM_EXTENSION_CHARS).hasSize(SmsEncoding.GSM_EXTENSION_CODES.length);
  }

  @Test
  void encodesPlainEnglishAsOneGsmPartWithoutUdh() {
    SmsEncoding.Encoded e = SmsEncoding.encode("Your code is 482915 @home", 1);
    assertThat(e.dataCoding()).isEqualTo((byte) 0x00);
    assertThat(e.esmClass()).isEqualTo((byte) 0x00);
    assertThat(e.parts()).hasSize(1);
    byte[] part = e.parts().get(0);
    assertThat(part).hasSize(25);
    assertThat(part[0]).isEqualTo((byte) 'Y');
    assertThat(part[part.length - 5]).isEqualTo((byte) 0x00); // '@' is septet 0
  }

  @Test
  void encodesExtensionCharactersAsEscapePairs() {
    byte[] part = SmsEncoding.encode("[€]", 1).parts().get(0);
    assertThat(part).containsExactly(0x1B, 0x3C, 0x1B, 0x65, 0x1B, 0x3E);
  }

  @Test
  void keeps160GsmCharactersInOnePartAndSplits161Into153And8() {
    assertThat(SmsEncoding.encode("a".repeat(160), 1).parts()).hasSize(1);
    SmsEncoding.Encoded e = SmsEncoding.encode("a".repeat(161), 0x1A7);
    assertThat(e.parts()).hasSize(2);
    assertThat(e.esmClass()).isEqualTo((byte) 0x40);
    assertThat(e.dataCoding()).isEqualTo((byte) 0x00);
    assertThat(Arrays.copyOf(e.parts().get(0), 6)).containsExactly(0x05, 0x00, 0x03, 0xA7, 0x02, 0x01);
    assertThat(Arrays.copyOf(e.parts().get(1), 6)).containsExactly(0x05, 0x00, 0x03, 0xA7, 0x02, 0x02);
    assertThat(e.parts().get(0)).hasSize(6 + 153);
    assertThat(e.parts().get(1)).hasSize(6 + 8);
  }

  @Test
  void neverSplitsAnEscapePairAcrossParts() {
    String text = "a".repeat(152) + "€" + "b".repeat(20);
    SmsEncoding.Encoded e = SmsEncoding.encode(text, 1);
    byte[] first = e.parts().get(0);
    assertThat(first[first.length - 1]).isNotEqualTo((byte) 0x1B);
    assertThat(first).hasSize(6 + 152);
    assertThat(e.parts().get(1)[6]).isEqualTo((byte) 0x1B);
  }

  @Test
  void encodesJapaneseAsUcs2InOnePart() {
    String ja = "【Kodama Bank】認証コード: 482915（5分間有効）。このコードを他人に教えないでください。";
    SmsEncoding.Encoded e = SmsEncoding.encode(ja, 1);
    assertThat(e.dataCoding()).isEqualTo((byte) 0x08);
    assertThat(e.parts()).singleElement()
        .satisfies(p -> assertThat(new String(p, StandardCharsets.UTF_16BE)).isEqualTo(ja));
  }

  @Test
  void splitsLongJapaneseInto67CharacterParts() {
    SmsEncoding.Encoded e = SmsEncoding.encode("あ".repeat(71), 9);
    assertThat(e.parts()).hasSize(2);
    assertThat(e.parts().get(0)).hasSize(6 + 67 * 2);
    assertThat(e.parts().get(1)).hasSize(6 + 4 * 2);
    assertThat(SmsEncoding.encode("あ".repeat(70), 9).parts()).hasSize(1);
  }

  @Test
  void mixedTextWithOneJapaneseCharacterIsUcs2() {
    SmsEncoding.Encoded e = SmsEncoding.encode("Code 482915 コード", 1);
    assertThat(e.dataCoding()).isEqualTo((byte) 0x08);
    assertThat(SmsEncoding.fitsGsm7("Code 482915 コード")).isFalse();
    assertThat(SmsEncoding.fitsGsm7("Código 482915")).isFalse(); // ó is not GSM
    assertThat(SmsEncoding.fitsGsm7("Café 482915 {ok}")).isTrue();
  }

  @Test
  void neverSplitsASurrogatePairAcrossParts() {
    String text = "あ".repeat(66) + "😀" + "い".repeat(10);
    SmsEncoding.Encoded e = SmsEncoding.encode(text, 1);
    assertThat(e.parts().get(0)).hasSize(6 + 66 * 2);
    String rebuilt = new String(Arrays.copyOfRange(e.parts().get(0), 6, e.parts().get(0).length),
        StandardCharsets.UTF_16BE)
        + new String(Arrays.copyOfRange(e.parts().get(1), 6, e.parts().get(1).length),
        StandardCharsets.UTF_16BE);
    assertThat(rebuilt).isEqualTo(text);
  }

  @Test
  void countsSegments() {
    assertThat(SmsEncoding.segmentsOf("a".repeat(306))).isEqualTo(2);
    assertThat(SmsEncoding.segmentsOf("a".repeat(307))).isEqualTo(3);
    assertThat(SmsEncoding.segmentsOf("あ".repeat(134))).isEqualTo(2);
    assertThat(SmsEncoding.segmentsOf("あ".repeat(135))).isEqualTo(3);
  }
}
