package io.kodama.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  void keyIgnoresCaseAndLeadingZeros() {
    assertThat(MessageIds.key(" 00AB12 ")).isEqualTo("ab12");
    assertThat(MessageIds.key("000")).isEqualTo("0");
  }

  @Test
  void aHexIdMatchesItsDecimalForm() {
    assertThat(MessageIds.candidates("1A2B")).contains("1a2b", "6699");
    assertThat(MessageIds.candidates("6699")).contains("6699", "1a2b");
  }

  @Test
  void keepsLeadingZerosFromChangingTheNumber() {
    assertThat(MessageIds.candidates("000F")).contains("f", "15");
    assertThat(MessageIds.candidates("0015")).contains("15", "f");
  }

  @Test
  void nonNumericIdsMatchOnlyThemselves() {
    assertThat(MessageIds.candidates("msg-77x")).containsExactly("msg-77x");
  }
}
