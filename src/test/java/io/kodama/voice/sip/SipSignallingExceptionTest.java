package io.kodama.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import org.junit.jupiter.api.Test;

class SipSignallingExceptionTest {

  @Test
  void keepsNoVendorCauseAndMasksNumbersInTheVendorMessage() {
    SipSignallingException e = SipSignallingException.of("cannot send INVITE",
        new ParseException("bad URI sip:+819012345678@trunk", 4));

    assertThat(e.getCause()).isNull();
    assertThat(e.getMessage())
        .contains("cannot send INVITE", "ParseException", "5678")
        .doesNotContain("9012345678");
    assertThat(e.getStackTrace()).isNotEmpty();
  }
}
