package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.simulator.phone.PhoneBehaviour;
import io.kodama.simulator.phone.PhoneSettings;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.voice.RecordingAttemptUpdates.Update;
import io.kodama.voice.prompts.ClipPromptLibrary;
import io.kodama.voice.sip.SipCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A trunk that demands digest authentication: the simulated phone challenging with 401/407. */
@Execution(ExecutionMode.CONCURRENT)
class DigestAuthenticationTest {

  private static Update call(PhoneSettings phoneSettings, String transport, SipCredentials creds,
      String code) {
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (SimulatedPhone phone =
            new SimulatedPhone(phoneSettings, ClipPromptLibrary.builtIn(), Clock.systemUTC());
        VoiceRig kodama = new VoiceRig(phone.address(), transport, creds, VoiceRig.fastTimings(),
            () -> 7, updates, 5)) {
      String to = PhoneBehaviour.landline(PhoneBehaviour.Kind.LISTEN, 0, '0', 4);
      kodama.channel.deliver(new DeliveryTask("att_auth", "vrf_1", "ten_1", to, code, "en", "", 5,
          "login", Map.of("voice.gate", "off", "voice.repetitions", "2")));
      Update end = updates.awaitFinal("att_auth", Duration.ofSeconds(60));
      if (end.status().equals("completed")) {
        assertThat(phone.awaitCall(to, Duration.ofSeconds(10)).orElseThrow().recognizedCode())
            .isEqualTo(code);
      }
      return end;
    }
  }

  @Test
  void answersA401ChallengeOverUdp() {
    Update end = call(PhoneSettings.forTests().withAuth("kodama", "s3cret", false), "udp",
        new SipCredentials("kodama", "s3cret"), "845120");

    assertThat(end.status()).isEqualTo("completed");
  }

  @Test
  void answersA407ProxyChallengeOverTcp() {
    Update end = call(PhoneSettings.forTests().withAuth("kodama", "s3cret", true), "tcp",
        new SipCredentials("kodama", "s3cret"), "390265");

    assertThat(end.status()).isEqualTo("completed");
  }

  @Test
  void wrongPasswordFailsWithTheChallengeStatus() {
    Update end = call(PhoneSettings.forTests().withAuth("kodama", "s3cret", false), "udp",
        new SipCredentials("kodama", "wrong"), "111111");

    assertThat(end.status()).isEqualTo("failed");
    assertThat(end.detail()).containsEntry("sipStatus", 401);
  }
}
