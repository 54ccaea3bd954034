package io.kodama.simulator.phone.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kodama.voice.prompts.BrandSynthesizer;
import io.kodama.voice.prompts.CallAudio;
import io.kodama.voice.prompts.CallScript;
import io.kodama.voice.prompts.ClipPromptLibrary;
import io.kodama.voice.prompts.GateMode;
import io.kodama.voice.prompts.PromptAssembler;
import io.kodama.voice.prompts.PromptLanguage;
import io.kodama.voice.prompts.Wav;
import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.rtp.RtpStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kodama's pacer sends a call's audio over real UDP on loopback to the simulated phone. */
class PhoneMediaLoopbackTest {

  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * A pacer starved for half a second on a busy CI machine jumps ahead by the lost time (as it
   * should for a real phone); the pause can fall inside a digit and the phone misses it. These
   * tests are about what the phone hears, not about scheduling, so their pacer sends late audio
   * late instead (the phone places it by timestamp).
   */
  private static final Duration NO_SKIPPING = Duration.ofSeconds(30);

  private static ClipPromptLibrary library;
  private static RtpPacer kodamaPacer;
  private static RtpPacer phonePacer;

  @TempDir Path recordings;

  @BeforeAll
  static void start() {
    library = ClipPromptLibrary.builtIn();
    kodamaPacer = new RtpPacer("kodama-rtp-test", false, NO_SKIPPING);
    phonePacer = new RtpPacer("phone-rtp-test");
  }

  @AfterAll
  static void stop() {
    kodamaPacer.close();
    phonePacer.close();
  }

  @Test
  void phoneRecognisesCodesReadInJapaneseOverPcmuAndInEnglishOverPcmaAtTheSameTime()
      throws Exception {
    PhoneMedia phone = new PhoneMedia(phonePacer, recordings, library);
    PromptAssembler assembler = new PromptAssembler(library, BrandSynthesizer.none());
    Random random = new Random();
    String japaneseCode = DigitRecognizerTest.code(random, 5);
    String englishCode = DigitRecognizerTest.code(random, 5);

    Call japanese = call(phone, assembler, "call-ja", PromptLanguage.JA, G711.PCMU, japaneseCode);
    Call english = call(phone, assembler, "call-en", PromptLanguage.EN, G711.PCMA, englishCode);

    for (Call call : List.of(japanese, english)) {
      assertThat(call.finished.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      await().atMost(WAIT).untilAsserted(() -> assertThat(call.media.recognize().sequences())
          .as("%s: %d audio packets heard, Kodama's pacer %d late and %d skipped", call.id,
              call.media.audioPackets(), kodamaPacer.latePackets(), kodamaPacer.skippedPackets())
          .containsExactly(call.code));
      call.kodama.close();
      call.media.close();
      Path file = call.media.recordingFile().orElseThrow();
      assertThat(file).hasFileName(call.id + ".wav");
      assertThat(phone.recognizer().recognize(Wav.read(file)).sequences()).containsExactly(call.code);
    }
  }

  @Test
  void kodamaHearsTheKeysThePhonePresses() {
    PhoneMedia phone = new PhoneMedia(phonePacer, null, library);
    try (RtpStream kodama = kodamaPacer.open(LOOPBACK, null, G711.PCMU, 101);
        PhoneCallMedia media = phone.open("keys", LOOPBACK, kodama.localAddress(), G711.PCMU, 101)) {
      List<Character> keys = new CopyOnWriteArrayList<>();
      kodama.onDtmf(keys::add);

      media.pressKey('1');
      media.pressKey('#');

      await().atMost(WAIT).until(() -> keys.size() >= 2);
      assertThat(keys).containsExactly('1', '#');
      assertThat(media.recordingFile()).isEmpty();
    }
  }

  private record Call(String id, String code, RtpStream kodama, PhoneCallMedia media, CountDownLatch finished) {}

  private static Call call(
      PhoneMedia phone, PromptAssembler assembler, String id, PromptLanguage language, G711 codec, String code)
      throws IOException {
    RtpStream kodama = kodamaPacer.open(LOOPBACK, null, codec, 101);
    PhoneCallMedia media = phone.open(id, LOOPBACK, kodama.localAddress(), codec, 101);
    kodama.remote(media.localAddress());
    CallAudio audio = assembler.assemble(new CallScript(List.of(language), null, code, 1, GateMode.OFF, 0));
    CountDownLatch finished = new CountDownLatch(1);
    kodama.play(audio.code(), finished::countDown);
    return new Call(id, code, kodama, media, finished);
  }
}
