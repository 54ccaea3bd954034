package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Peers;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.simulator.phone.PhoneBehaviour;
import io.kodama.simulator.phone.PhoneCall;
import io.kodama.simulator.phone.PhoneSettings;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.voice.RecordingAttemptUpdates.Update;
import io.kodama.voice.call.CallTimings;
import io.kodama.voice.prompts.ClipPromptLibrary;
import io.kodama.voice.sip.SipCredentials;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Interoperability with SIPp (Debian package {@code sip-tester}), a SIP implementation Kodama did
 * not write: sipp answers Kodama's calls (with and without digest authentication) and calls
 * Kodama's simulated phone. Skipped when {@code sipp} is not installed.
 */
@Execution(ExecutionMode.CONCURRENT)
class SippInteropTest {

  private static final String HOST = "127.0.0.1";

  @TempDir Path work;

  @BeforeAll
  static void needsSipp() {
    Peers.require(sippInstalled(), "sipp is not installed (apt-get install -y sip-tester)");
  }

  @Test
  void sippAnswersAndKodamaReadsTheWholeMessageThenHangsUp() throws Exception {
    Sipp sipp = Sipp.start(work, "uas.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp", null,
        sippTimings(), () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_1"));

      Update end = updates.awaitFinal("att_sipp_1", Duration.ofSeconds(60));

      assertThat(end.status()).isEqualTo("completed");
      assertThat(end.detail()).containsEntry("repetitionsPlayed", 1);
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.successfulCalls()).isEqualTo(1);
  }

  @Test
  void sippChecksKodamasDigestAnswerToA401() throws Exception {
    Sipp sipp = Sipp.start(work, "uas_auth.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp",
        new SipCredentials("kodama", "s3cret"), sippTimings(), () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_2"));

      Update end = updates.awaitFinal("att_sipp_2", Duration.ofSeconds(60));

      assertThat(end.status()).isEqualTo("completed");
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.successfulCalls()).isEqualTo(1);
  }

  @Test
  void challengedByeIsSentAgainWithCredentials() throws Exception {
    Sipp sipp = Sipp.start(work, "uas_bye_auth.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp",
        new SipCredentials("kodama", "s3cret"), sippTimings(), () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_6"));

      assertThat(updates.awaitFinal("att_sipp_6", Duration.ofSeconds(60)).status())
          .as(sipp::output).isEqualTo("completed");
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.successfulCalls()).isEqualTo(1);
  }

  @Test
  void retransmittedOkIsAcknowledgedAgain() throws Exception {
    Sipp sipp = Sipp.start(work, "uas_retransmitted_200.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp", null,
        sippTimings(), () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_3"));

      assertThat(updates.awaitFinal("att_sipp_3", Duration.ofSeconds(60)).status())
          .isEqualTo("completed");
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.received("ACK sip:")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void answerCrossingTheCancelIsEndedWithBye() throws Exception {
    Sipp sipp = Sipp.start(work, "uas_answer_after_cancel.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    // a ring timeout of 3 s: on a loaded machine sipp's 180 must still come before it
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp", null,
        new CallTimings(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMinutes(2)),
        () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_4"));

      Update end = updates.awaitFinal("att_sipp_4", Duration.ofSeconds(60));

      assertThat(end.status()).as("%s (%s) %s", end.status(), end.reason(), sipp.output()).isEqualTo("no_answer");
      assertThat(end.reason()).isEqualTo("ring_timeout");
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.successfulCalls()).isEqualTo(1);
  }

  @Test
  void reInviteFromTheCalleeIsAnsweredAndTheCallGoesOn() throws Exception {
    Sipp sipp = Sipp.start(work, "uas_reinvite.xml", List.of());
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig(HOST + ":" + sipp.port, "udp", null,
        sippTimings(), () -> 7, updates, 5)) {
      kodama.channel.deliver(task("att_sipp_5"));

      assertThat(updates.awaitFinal("att_sipp_5", Duration.ofSeconds(60)).status())
          .as(sipp::output).isEqualTo("completed");
    }
    assertThat(sipp.await()).as(sipp.output()).isZero();
    assertThat(sipp.successfulCalls()).isEqualTo(1);
  }

  @Test
  void sippOptionsPingIsAnswered() throws Exception {
    try (SimulatedPhone phone =
        new SimulatedPhone(PhoneSettings.forTests(), ClipPromptLibrary.builtIn(), Clock.systemUTC())) {
      Sipp sipp = Sipp.start(work, "uac_options.xml", List.of(HOST + ":" + phone.port()));

      assertThat(sipp.await()).as(sipp.output()).isZero();
      assertThat(sipp.successfulCalls()).isEqualTo(1);
    }
  }

  @Test
  void sippCallsTheSimulatedPhoneWhichAnswersAndSeesTheCallerHangUp() throws Exception {
    try (SimulatedPhone phone =
        new SimulatedPhone(PhoneSettings.forTests(), ClipPromptLibrary.builtIn(), Clock.systemUTC())) {
      String number = PhoneBehaviour.landline(PhoneBehaviour.Kind.LISTEN, 0, '0', 9);
      Sipp sipp = Sipp.start(work, "uac.xml",
          List.of("-s", number, HOST + ":" + phone.port()));

      assertThat(sipp.await()).as(sipp.output()).isZero();
      assertThat(sipp.successfulCalls()).isEqualTo(1);
      PhoneCall call = phone.awaitCall(number, Duration.ofSeconds(10)).orElseThrow();
      assertThat(call.outcome()).isEqualTo(PhoneCall.Outcome.CALLER_HUNG_UP);
      assertThat(call.sipStatus()).isEqualTo(200);
    }
  }

  /** sipp is a separate process that may bind late: ring long enough for INVITE retransmissions. */
  private static io.kodama.voice.call.CallTimings sippTimings() {
    return new io.kodama.voice.call.CallTimings(Duration.ofSeconds(10), Duration.ofSeconds(1),
        Duration.ofMillis(300), Duration.ofMinutes(2));
  }

  private static DeliveryTask task(String attempt) {
    return new DeliveryTask(attempt, "vrf_1", "ten_1", "+81355500008", "482915", "en", "", 5,
        "login", Map.of("voice.gate", "off", "voice.repetitions", "1"));
  }

  private static boolean sippInstalled() {
    try {
      Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One sipp process running one call of a scenario. */
  static final class Sipp {
    final int port;
    final Process process;
    final Path log;
    final Path stats;

    private Sipp(int port, Process process, Path log, Path stats) {
      this.port = port;
      this.process = process;
      this.log = log;
      this.stats = stats;
    }

    static Sipp start(Path work, String scenario, List<String> extra) throws Exception {
      Path dir = Files.createTempDirectory(work, "sipp");
      Path scenarioFile = Path.of(SippInteropTest.class.getResource("/sipp/" + scenario).toURI());
      int port = freeUdpPort();
      int mediaPort = freeUdpPort();
      Path log = dir.resolve("sipp.log");
      Path stats = dir.resolve("stats.csv");
      List<String> command = new ArrayList<>(List.of(
          "sipp", "-sf", scenarioFile.toString(),
          "-i", HOST, "-p", Integer.toString(port),
          "-mi", HOST, "-mp", Integer.toString(mediaPort), "-rtp_echo",
          "-m", "1", "-nostdin", "-timeout", "90s", "-timeout_error",
          "-trace_stat", "-stf", stats.toString(), "-trace_err", "-trace_msg",
          "-message_file", dir.resolve("messages.log").toString(),
          "-error_file", dir.resolve("errors.log").toString()));
      command.addAll(extra);
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      return new Sipp(port, process, log, stats);
    }

    int await() throws InterruptedException {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    }

    /** The SuccessfulCall(C) column of the last line of sipp's statistics file. */
    long successfulCalls() throws IOException {
      List<String> lines = Files.readAllLines(stats);
      List<String> header = List.of(lines.get(0).split(";"));
      String[] last = lines.get(lines.size() - 1).split(";");
      return Long.parseLong(last[header.indexOf("SuccessfulCall(C)")].trim());
    }

    /** How many received messages in sipp's trace start with the given first line. */
    long received(String firstLine) throws IOException {
      List<String> lines = Files.readAllLines(log.resolveSibling("messages.log"));
      long count = 0;
      for (int i = 0; i + 2 < lines.size(); i++) {
        if (lines.get(i).contains("message received") && lines.get(i + 2).startsWith(firstLine)) {
          count++;
        }
      }
      return count;
    }

    String output() {
      try {
        String text = Files.readString(log);
        for (String name : List.of("errors.log", "messages.log")) {
          Path file = log.resolveSibling(name);
          if (Files.exists(file)) {
            text += "\n" + Files.readString(file);
          }
        }
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
      } catch (IOException e) {
        return "(no sipp output: " + e + ")";
      }
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
      return socket.getLocalPort();
    }
  }
}
