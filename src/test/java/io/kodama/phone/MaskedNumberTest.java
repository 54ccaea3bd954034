package io.kodama.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedNumberTest {

  @Test
  void masksJapaneseMobileKeepingFirstGroupAndLastFour() {
    assertThat(MaskedNumber.of("+819012345678")).isEqualTo("+81 90-****-5678");
  }

  @Test
  void masksTokyoLandline() {
    assertThat(MaskedNumber.of("+81312345678")).isEqualTo("+81 3-****-5678");
  }

  @Test
  void masksUsNumber() {
    assertThat(MaskedNumber.of("+12025550143")).isEqualTo("+1 202-***-0143");
  }

  @Test
  void neverShowsMoreThanFourTrailingDigitsOfGarbage() {
    assertThat(MaskedNumber.of("+999123456789")).endsWith("6789").doesNotContain("12345");
  }
}
