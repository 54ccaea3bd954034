package io.kodama.simulator.phone.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Peers;
import io.kodama.voice.prompts.BrandSynthesizer;
import io.kodama.voice.prompts.CallAudio;
import io.kodama.voice.prompts.CallScript;
import io.kodama.voice.prompts.ClipPromptLibrary;
import io.kodama.voice.prompts.GateMode;
import io.kodama.voice.prompts.Payment;
import io.kodama.voice.prompts.PromptAssembler;
import io.kodama.voice.prompts.PromptLanguage;
import io.kodama.voice.rtp.G711;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigitRecognizerTest {

  private static ClipPromptLibrary library;
  private static PromptAssembler assembler;
  private static DigitRecognizer recognizer;

  @BeforeAll
  static void loadPrompts() {
    library = ClipPromptLibrary.builtIn();
    assembler = new PromptAssembler(library, BrandSynthesizer.none());
    recognizer = new DigitRecognizer(library);
  }

  static Stream<Arguments> randomCodes() {
    Random random = new Random(20261125L);
    return Stream.of("ja", "en", "ja+en")
        .flatMap(
            locale ->
                Stream.of(G711.PCMU, G711.PCMA)
                    .flatMap(
                        codec ->
                            Stream.of(4, 6, 8, 10)
                                .map(length -> Arguments.of(locale, codec, code(random, length)))));
  }

  @ParameterizedTest(name = "{0} over {1}, {2} digits")
  @MethodSource("randomCodes")
  void recognisesEveryRepetitionOfRandomCodesThroughG711(String locale, G711 codec, String code) {
    List<PromptLanguage> languages = CallScript.languagesOf(locale);
    CallAudio audio =
        assembler.assemble(new CallScript(languages, null, code, 3, GateMode.OFF, 0));

    Recognition recognition = recognizer.recognize(roundTrip(audio.whole(), codec));

    assertThat(recognition.sequences())
        .containsExactlyElementsOf(Collections.nCopies(3 * languages.size(), code));
    assertThat(recognition.code()).contains(code);
  }

  @Test
  void recognisesTheGateDigitAsItsOwnRunBeforeTheCode() {
    CallAudio audio =
        assembler.assemble(
            new CallScript(List.of(PromptLanguage.JA), null, "482915", 2, GateMode.DIGIT, 7));

    Recognition recognition = recognizer.recognize(roundTrip(audio.whole(), G711.PCMU));

    assertThat(recognition.sequences()).containsExactly("7", "482915", "482915");
    assertThat(recognition.code()).contains("482915");
  }

  @Test
  void findsNoDigitsInPhrasesWithoutDigits() {
    CallAudio audio =
        assembler.assemble(
            new CallScript(List.of(PromptLanguage.JA, PromptLanguage.EN), null, "0", 1, GateMode.ANY_KEY, 0));

    Recognition recognition = recognizer.recognize(roundTrip(audio.opening(), G711.PCMA));

    assertThat(recognition.sequences()).isEmpty();
  }

  @Test
  void recognisesCodesDespiteLostPacketsAndLineNoise() {
    Random random = new Random(7);
    for (PromptLanguage language : PromptLanguage.values()) {
      String code = code(random, 8);
      CallAudio audio = assembler.assemble(new CallScript(List.of(language), null, code, 3, GateMode.OFF, 0));
      short[] heard = roundTrip(audio.whole(), G711.PCMU);
      for (int packet = 0; packet < heard.length / 160; packet++) {
        if (random.nextInt(100) < 2) { // 2 % of the 20 ms packets lost: silence in their place
          java.util.Arrays.fill(heard, packet * 160, packet * 160 + 160, (short) 0);
        }
      }
      for (int i = 0; i < heard.length; i++) {
        heard[i] = (short) (heard[i] + random.nextInt(61) - 30); // noise about -60 dBFS
      }

      Recognition recognition = recognizer.recognize(heard);

      assertThat(recognition.count(code)).as(language.tag() + " heard " + recognition.sequences() + " code " + code).isGreaterThanOrEqualTo(2);
      assertThat(recognition.code()).contains(code);
    }
  }

  @Test
  void doesNotTakeABrandReadByTheSynthesizerForDigits() {
    var espeak = new io.kodama.voice.prompts.EspeakBrandSynthesizer();
    Peers.require(espeak.available(), "espeak-ng is not installed (apt-get install -y espeak-ng)");
    PromptAssembler withBrand = new PromptAssembler(library, espeak);

    CallAudio audio =
        withBrand.assemble(
            new CallScript(List.of(PromptLanguage.JA, PromptLanguage.EN), "Kodama Bank", "2468", 1, GateMode.OFF, 0));

    assertThat(recognizer.recognize(roundTrip(audio.whole(), G711.PCMA)).sequences())
        .containsExactly("2468", "2468");
  }

  @Test
  void doesNotTakeAPaymentReadByTheSynthesizerForDigits() {
    var espeak = new io.kodama.voice.prompts.EspeakBrandSynthesizer();
    Peers.require(espeak.available(), "espeak-ng is not installed (apt-get install -y espeak-ng)");
    PromptAssembler withPayment = new PromptAssembler(library, espeak);

    CallAudio audio =
        withPayment.assemble(
            new CallScript(List.of(PromptLanguage.JA, PromptLanguage.EN), null, "2468", 1, GateMode.OFF, 0,
                new Payment("50000", "JPY", "ACME Shop")));

    assertThat(audio.transcript()).contains("payment");
    assertThat(recognizer.recognize(roundTrip(audio.whole(), G711.PCMA)).sequences())
        .containsExactly("2468", "2468");
  }

  @Test
  void findsNothingInSilence() {
    assertThat(recognizer.recognize(new short[8000 * 3]).sequences()).isEmpty();
  }

  static short[] roundTrip(short[] pcm, G711 codec) {
    return codec.decode(codec.encode(pcm));
  }

  static String code(Random random, int length) {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < length; i++) {
      code.append(random.nextInt(10));
    }
    return code.toString();
  }
}
