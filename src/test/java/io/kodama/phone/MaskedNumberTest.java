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

  @Test
  void masksEachNumberRightWhenManyDifferentNumbersAreMasked() {
    // more numbers than the cache holds: it is emptied and filled again, never mixes numbers up
    for (int i = 0; i < 25_000; i++) {
      String last4 = String.format("%04d", i % 10_000);
      String e164 = "+8190" + String.format("%04d", i / 10_000) + last4;
      assertThat(MaskedNumber.of(e164)).isEqualTo("+81 90-****-" + last4);
    }
    assertThat(MaskedNumber.of("+819012345678")).isEqualTo("+81 90-****-5678");
  }

  @Test
  void aNumberParsedFromAnyInputIsMaskedAsItsE164FormWouldBe() {
    PhoneNumbers numbers = new PhoneNumbers();
    // national formats, full-width digits and 060 (unknown to libphonenumber): the mask is kept at
    // parse time from the parsed number, and must be what masking the E.164 form gives
    for (String input : new String[] {"０９０-８７６５-４３２１", "03-9876-5432", "060-1357-2468", "+1 (202) 555-0187",
        "0120-444-999", "020-4123-4567"}) {
      PhoneNumber parsed = numbers.parse(input, "JP");
      assertThat(parsed.masked()).as(input).isEqualTo(MaskedNumber.parseAndMask(parsed.e164()));
    }
    assertThat(numbers.parse("090-8765-4321", "JP").masked()).isEqualTo("+81 90-****-4321");
  }
}
