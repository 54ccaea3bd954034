package io.kodama.voice;

import static io.kodama.simulator.phone.PhoneBehaviour.Kind.BUSY;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.BUSY_EVERYWHERE;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.HANG_UP;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.LISTEN;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.NO_ANSWER;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.PRESS_KEY;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.PRESS_KEY_INFO;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.REJECT;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.SERVER_ERROR;
import static io.kodama.simulator.phone.PhoneBehaviour.Kind.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.voice.call.CallTimings;
import io.kodama.simulator.phone.PhoneBehaviour;
import io.kodama.simulator.phone.PhoneCall;
import io.kodama.simulator.phone.PhoneSettings;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.voice.RecordingAttemptUpdates.Update;
import io.kodama.voice.prompts.ClipPromptLibrary;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** SipVoiceChannel → simulated phone over real SIP and RTP on loopback, one test per outcome. */
@Execution(ExecutionMode.CONCURRENT)
class SipVoiceChannelTest {

  static final Duration CALL = Duration.ofSeconds(60);
  static final int GATE_DIGIT = 7;
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();
  private static final AtomicInteger FREE = new AtomicInteger();

  static SimulatedPhone phone;
  static RecordingAttemptUpdates updates;
  static VoiceRig kodama;

  @BeforeAll
  static void start() {
    phone = new SimulatedPhone(PhoneSettings.forTests(), ClipPromptLibrary.builtIn(), Clock.systemUTC());
    updates = new RecordingAttemptUpdates();
    kodama = new VoiceRig(phone.address(), "udp", null, VoiceRig.fastTimings(), () -> GATE_DIGIT,
        updates, 50);
  }

  @AfterAll
  static void stop() {
    kodama.close();
    phone.close();
  }

  /** A landline of the simulator block not used by another test. */
  static String number(PhoneBehaviour.Kind kind, int delay, char key) {
    return PhoneBehaviour.landline(kind, delay, key, FREE.getAndIncrement() % 10);
  }

  static String deliver(String to, String code, String gate, String languages, int repetitions) {
    String attempt = "att_" + ATTEMPTS.incrementAndGet();
    Map<String, String> settings = new HashMap<>();
    settings.put("voice.gate", gate);
    settings.put("voice.repetitions", Integer.toString(repetitions));
    settings.put("voice.languages", languages);
    kodama.channel.deliver(new DeliveryTask(attempt, "vrf_1", "ten_1", to, code, "ja", "", 5,
        "login", settings));
    return attempt;
  }

  static PhoneCall phoneCall(String number) {
    return phone.awaitCall(number, Duration.ofSeconds(10)).orElseThrow();
  }

  @Test
  void readsTheCodeInJapaneseAndCompletesWhenTheWholeMessageWasPlayed() {
    String to = number(LISTEN, 0, '0');
    String attempt = deliver(to, "482915", "off", "ja", 2);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("completed");
    assertThat(end.detail()).containsEntry("sipStatus", 200).containsEntry("repetitionsPlayed", 2);
    assertThat(updates.statuses(attempt)).containsExactly("calling", "answered", "completed");
    PhoneCall heard = phoneCall(to);
    assertThat(heard.recognizedCode()).isEqualTo("482915");
    assertThat(heard.outcome()).isEqualTo(PhoneCall.Outcome.CALLER_HUNG_UP);
  }

  @Test
  void anyKeyGateReadsTheCodeAfterAKeyPress() {
    String to = number(PRESS_KEY, 1, '5');
    String attempt = deliver(to, "305172", "any-key", "en", 2);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("completed");
    assertThat(end.detail()).containsEntry("keysPressed", 1);
    assertThat(phoneCall(to).recognizedCode()).isEqualTo("305172");
  }

  @Test
  void digitGateOpensWithTheNamedDigitPressedInSipInfo() {
    String to = number(PRESS_KEY_INFO, 1, (char) ('0' + GATE_DIGIT));
    String attempt = deliver(to, "660134", "digit", "ja", 2);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("completed");
    PhoneCall heard = phoneCall(to);
    assertThat(heard.recognizedCode()).isEqualTo("660134");
    assertThat(heard.keysPressed()).isEqualTo(String.valueOf(GATE_DIGIT));
  }

  @Test
  void digitGateStaysClosedForAnotherDigitAndEndsAsNoInput() {
    String to = number(PRESS_KEY, 1, '3');
    String attempt = deliver(to, "918273", "digit", "en", 1);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("no_input");
    assertThat(end.detail()).containsEntry("repetitionsPlayed", 0);
    assertThat(phoneCall(to).digitRuns()).doesNotContain("918273");
  }

  @Test
  void gateWithoutAKeyPressEndsAsNoInputWithoutReadingTheCode() {
    String to = number(LISTEN, 0, '0');
    String attempt = deliver(to, "551903", "any-key", "ja", 1);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("no_input");
    assertThat(phoneCall(to).digitRuns()).doesNotContain("551903");
  }

  @Test
  void pressingOneReadsTheCodeAgain() {
    // a phone whose time unit puts the key press (N=9) inside "to hear it again, press 1",
    // which starts ~10 s into a Japanese call read once
    PhoneSettings slow = new PhoneSettings("127.0.0.1", 0, null, Duration.ofMillis(1250), null,
        null, false);
    RecordingAttemptUpdates own = new RecordingAttemptUpdates();
    try (SimulatedPhone slowPhone = new SimulatedPhone(slow, ClipPromptLibrary.builtIn(), Clock.systemUTC());
        // a repeat window of 8 s keeps the key press (at 11.25 s) inside reading-or-offer even
        // when a loaded machine shifts the call by several seconds
        VoiceRig rig = new VoiceRig(slowPhone.address(), "udp", null,
            new CallTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(2)),
            () -> GATE_DIGIT, own, 5)) {
      String to = number(PRESS_KEY, 9, '1');
      rig.channel.deliver(new DeliveryTask("att_repeat", "vrf_1", "ten_1", to, "274816", "ja", "",
          5, "login", Map.of("voice.gate", "off", "voice.repetitions", "1", "voice.languages", "ja")));

      Update end = own.awaitFinal("att_repeat", CALL);

      assertThat(end.status()).isEqualTo("completed");
      assertThat(end.detail()).containsEntry("repetitionsPlayed", 2).containsEntry("keysPressed", 1);
      assertThat(slowPhone.awaitCall(to, Duration.ofSeconds(10)).orElseThrow().digitRuns())
          .containsSubsequence("274816", "274816");
    }
  }

  @Test
  void calleeHangingUpDuringTheCodeIsHungUpEarlyWithProgress() {
    String to = number(HANG_UP, 9, '0');
    String attempt = deliver(to, "390417", "off", "en", 3);

    Update end = updates.awaitFinal(attempt, CALL);

    assertThat(end.status()).isEqualTo("hung_up_early");
    assertThat(end.detail()).containsKeys("playedMillis", "repetitionsPlayed");
    assertThat((Integer) end.detail().get("repetitionsPlayed")).isLessThan(3);
    assertThat(phoneCall(to).outcome()).isEqualTo(PhoneCall.Outcome.PHONE_HUNG_UP);
  }

  @Test
  void busyCalleeIsBusy() {
    Update end = updates.awaitFinal(deliver(number(BUSY, 0, '0'), "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("busy");
    assertThat(end.detail()).containsEntry("sipStatus", 486);
  }

  @Test
  void busyEverywhereIsBusy() {
    Update end =
        updates.awaitFinal(deliver(number(BUSY_EVERYWHERE, 0, '0'), "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("busy");
    assertThat(end.detail()).containsEntry("sipStatus", 600);
  }

  @Test
  void unansweredCallIsCancelledAsNoAnswer() {
    String to = number(NO_ANSWER, 0, '0');
    Update end = updates.awaitFinal(deliver(to, "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("no_answer");
    assertThat(end.reason()).isEqualTo("ring_timeout");
    assertThat(phoneCall(to).outcome()).isEqualTo(PhoneCall.Outcome.CANCELLED);
  }

  @Test
  void temporarilyUnavailableIsNoAnswer() {
    Update end = updates.awaitFinal(deliver(number(UNAVAILABLE, 0, '0'), "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("no_answer");
    assertThat(end.detail()).containsEntry("sipStatus", 480);
  }

  @Test
  void declinedCallIsRejected() {
    Update end = updates.awaitFinal(deliver(number(REJECT, 0, '0'), "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("rejected");
    assertThat(end.detail()).containsEntry("sipStatus", 603);
  }

  @Test
  void unknownNumberIsInvalid() {
    Update end = updates.awaitFinal(deliver("+81312345678", "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("invalid_number");
    assertThat(end.detail()).containsEntry("sipStatus", 404);
  }

  @Test
  void otherErrorsFailWithTheSipStatus() {
    Update end = updates.awaitFinal(deliver(number(SERVER_ERROR, 0, '0'), "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("failed");
    assertThat(end.reason()).isEqualTo("sip_500");
    assertThat(end.detail()).containsEntry("sipStatus", 500);
  }

  @Test
  void numberThatIsNotE164IsInvalidWithoutACall() {
    Update end = updates.awaitFinal(deliver("0312345678", "111111", "off", "ja", 1), CALL);

    assertThat(end.status()).isEqualTo("invalid_number");
    assertThat(end.reason()).isEqualTo("not_e164");
  }

  @Test
  void mobileNumbersOfTheSimulatorAnswerToo() {
    String to = PhoneBehaviour.mobile(LISTEN, 0, '0', 1);
    String attempt = deliver(to, "7031", "off", "en", 2);

    assertThat(updates.awaitFinal(attempt, CALL).status()).isEqualTo("completed");
    assertThat(phoneCall(to).recognizedCode()).isEqualTo("7031");
  }
}
