package io.kodama.voice.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.voice.sip.SipCallEnd;
import io.kodama.voice.sip.SipCallEnd.Kind;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  private static String of(int status) {
    return Outcomes.unanswered(new SipCallEnd(Kind.FINAL_RESPONSE, status, false));
  }

  @Test
  void mapsFinalResponsesToAttemptStatuses() {
    assertThat(of(486)).isEqualTo("busy");
    assertThat(of(600)).isEqualTo("busy");
    assertThat(of(480)).isEqualTo("no_answer");
    assertThat(of(408)).isEqualTo("no_answer");
    assertThat(of(487)).isEqualTo("no_answer");
    assertThat(of(603)).isEqualTo("rejected");
    assertThat(of(404)).isEqualTo("invalid_number");
    assertThat(of(484)).isEqualTo("invalid_number");
    assertThat(of(503)).isEqualTo("failed");
    assertThat(of(401)).isEqualTo("failed");
  }

  @Test
  void ringTimeoutIsNoAnswerAndSilenceIsFailure() {
    assertThat(Outcomes.unanswered(new SipCallEnd(Kind.RING_TIMEOUT, 487, false))).isEqualTo("no_answer");
    assertThat(Outcomes.unanswered(new SipCallEnd(Kind.NO_RESPONSE, 408, false))).isEqualTo("failed");
    assertThat(Outcomes.reason(new SipCallEnd(Kind.FINAL_RESPONSE, 486, false))).isEqualTo("sip_486");
  }
}
