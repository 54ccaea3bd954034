package io.kodama.simulator.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import io.kodama.simulator.phone.PhoneBehaviour.Kind;
import org.junit.jupiter.api.Test;

class PhoneBehaviourTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @Test
  void simulatorNumbersAreValidJapaneseLandlinesAndMobiles() throws Exception {
    for (Kind kind : Kind.values()) {
      if (kind == Kind.NOT_FOUND) {
        continue;
      }
      var landline = UTIL.parse(PhoneBehaviour.landline(kind, 9, '9', 9), null);
      var mobile = UTIL.parse(PhoneBehaviour.mobile(kind, 0, '0', 0), null);
      assertThat(UTIL.isValidNumber(landline)).isTrue();
      assertThat(UTIL.getNumberType(landline)).isEqualTo(PhoneNumberType.FIXED_LINE);
      assertThat(UTIL.isValidNumber(mobile)).isTrue();
      assertThat(UTIL.getNumberType(mobile)).isEqualTo(PhoneNumberType.MOBILE);
    }
  }

  @Test
  void lastFourDigitsGiveBehaviourDelayAndKey() {
    assertThat(PhoneBehaviour.of("+81355505270")).isEqualTo(new PhoneBehaviour(Kind.PRESS_KEY, 2, '7'));
    assertThat(PhoneBehaviour.of("+819055504500")).isEqualTo(new PhoneBehaviour(Kind.HANG_UP, 5, '0'));
    assertThat(PhoneBehaviour.of("81355501000").kind()).isEqualTo(Kind.BUSY);
  }

  @Test
  void numbersOutsideTheBlockAreNotFound() {
    assertThat(PhoneBehaviour.of("+81312345678").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(PhoneBehaviour.of("+8135550000").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(PhoneBehaviour.of("+14155550000").kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(PhoneBehaviour.of("+81355500000").rejectStatus()).isZero();
    assertThat(PhoneBehaviour.of("+81312345678").rejectStatus()).isEqualTo(404);
  }
}
