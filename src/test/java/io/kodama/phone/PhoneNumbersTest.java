package io.kodama.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  private final PhoneNumbers numbers = new PhoneNumbers();

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
      "090-1234-5678,   +819012345678, MOBILE",
      "080 1234 5678,   +818012345678, MOBILE",
      "07012345678,     +817012345678, MOBILE",
      "060-1234-5678,   +816012345678, MOBILE",
      "050-1234-5678,   +815012345678, VOIP",
      "03-1234-5678,    +81312345678,  FIXED_LINE",
      "06-6123-4567,    +81661234567,  FIXED_LINE",
      "0422-12-3456,    +81422123456,  FIXED_LINE",
      "0120-123-456,    +81120123456,  TOLL_FREE",
      "0800-123-4567,   +818001234567, TOLL_FREE",
      "0570-123-456,    +81570123456,  SHARED_COST",
      "0990-123-456,    +81990123456,  PREMIUM_RATE",
      "020-4123-4567,   +812041234567, M2M",
      "+81 90-1234-5678, +819012345678, MOBILE",
      "(090) 1234-5678, +819012345678, MOBILE",
  })
  void normalisesJapaneseNumbersAndReportsTheirLineType(String input, String e164, LineType type) {
    PhoneNumber number = numbers.parse(input, "JP");
    assertThat(number.e164()).isEqualTo(e164);
    assertThat(number.lineType()).isEqualTo(type);
    assertThat(number.region()).isEqualTo("JP");
  }

  @ParameterizedTest
  @CsvSource({"０９０－１２３４－５６７８", "＋８１ ９０ １２３４ ５６７８", "090ー1234ー5678"})
  void acceptsFullWidthDigitsAndJapaneseDashes(String input) {
    assertThat(numbers.parse(input, "JP").e164()).isEqualTo("+819012345678");
  }

  @ParameterizedTest
  @CsvSource({"+12025550143, US", "+442071838750, GB"})
  void parsesOtherCountriesInE164(String input, String region) {
    assertThat(numbers.parse(input, "JP").region()).isEqualTo(region);
  }

  @ParameterizedTest
  @CsvSource({"12345", "090-1234-567", "not a number", "+81 90 1234 5678 9999 0000", "020-1234-5678-901"})
  void refusesWhatIsNotAValidNumber(String input) {
    assertThatThrownBy(() -> numbers.parse(input, "JP"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.INVALID_NUMBER));
  }
}
