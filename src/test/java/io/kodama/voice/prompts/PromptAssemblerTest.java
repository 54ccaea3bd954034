package io.kodama.voice.prompts;

import static io.kodama.voice.prompts.PromptLanguage.EN;
import static io.kodama.voice.prompts.PromptLanguage.JA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptAssemblerTest {

  private static final short[] BRAND = {1, 2, 3, 4, 5};
  private static ClipPromptLibrary library;

  @BeforeAll
  static void load() {
    library = ClipPromptLibrary.builtIn();
  }

  @Test
  void readsTheCodeDigitByDigitWithPausesThreeTimesInJapanese() {
    CallAudio audio = noBrand().assemble(new CallScript(List.of(JA), null, "4829", 3, GateMode.OFF, 0));

    List<String> reading =
        List.of("ja/code-is", "ja/pause", "ja/4", "ja/pause", "ja/8", "ja/pause", "ja/2",
            "ja/pause", "ja/9", "ja/pause", "ja/end-of-code", "ja/pause", "ja/pause");
    List<String> expected = new ArrayList<>(List.of("ja/intro-generic", "ja/pause", "ja/pause"));
    expected.addAll(reading);
    for (int r = 1; r < 3; r++) {
      expected.addAll(List.of("ja/repeat", "ja/pause"));
      expected.addAll(reading);
    }
    expected.addAll(List.of("ja/press-1-to-repeat", "ja/pause", "ja/goodbye", "ja/pause"));
    assertThat(audio.transcript()).containsExactlyElementsOf(expected);
    assertThat(audio.gate()).isEmpty();
  }

  @Test
  void audioIsTheClipsOfTheTranscriptInOrder() {
    PromptAssembler assembler = new PromptAssembler(library, (language, brand) -> Optional.of(BRAND));

    CallAudio audio =
        assembler.assemble(new CallScript(List.of(JA, EN), "Kodama", "0917", 2, GateMode.DIGIT, 3));

    assertThat(audio.whole()).isEqualTo(clipsOf(audio.transcript()));
  }

  @Test
  void saysEachPartInJapaneseFirstThenInEnglish() {
    CallAudio audio =
        noBrand().assemble(new CallScript(List.of(JA, EN), null, "55", 1, GateMode.ANY_KEY, 0));

    assertThat(audio.transcript())
        .filteredOn(name -> !name.endsWith("/pause"))
        .containsExactly(
            "ja/intro-generic", "en/intro-generic",
            "ja/gate-any-key", "en/gate-any-key",
            "ja/code-is", "ja/5", "ja/5", "ja/end-of-code",
            "en/code-is", "en/5", "en/5", "en/end-of-code",
            "ja/press-1-to-repeat", "en/press-1-to-repeat",
            "ja/goodbye", "en/goodbye");
  }

  @Test
  void namesTheGateDigitAfterTheGatePhrase() {
    CallAudio audio = noBrand().assemble(new CallScript(List.of(EN), null, "1234", 1, GateMode.DIGIT, 7));

    assertThat(clipsOf(List.of("en/gate-digit", "en/pause", "en/7", "en/pause", "en/pause")))
        .isEqualTo(audio.gate());
  }

  @Test
  void readsTheBrandBetweenIntroAndDesuInJapanese() {
    PromptAssembler assembler = new PromptAssembler(library, (language, brand) -> Optional.of(BRAND));

    CallAudio audio = assembler.assemble(new CallScript(List.of(JA, EN), "Kodama", "1234", 1, GateMode.OFF, 0));

    assertThat(audio.transcript().subList(0, 9))
        .containsExactly(
            "ja/intro", "brand", "ja/end-of-code", "ja/pause", "ja/intro-generic", "ja/pause", "ja/pause",
            "en/intro", "brand");
  }

  @Test
  void saysTheGenericIntroWhenTheBrandCannotBeRead() {
    CallAudio audio = noBrand().assemble(new CallScript(List.of(EN), "漢字だけ", "1234", 1, GateMode.OFF, 0));

    assertThat(audio.transcript().get(0)).isEqualTo("en/intro-generic");
  }

  @Test
  void readsThePaymentBeforeTheFirstReadingOfTheCodeInEachLanguage() {
    List<String> spoken = new ArrayList<>();
    PromptAssembler assembler = new PromptAssembler(library, (language, text) -> {
      if (text == null) {
        return Optional.empty(); // no brand
      }
      spoken.add(language.tag() + ": " + text);
      return Optional.of(BRAND);
    });
    Payment payment = new Payment("50000", "JPY", "ACME Shop");

    CallAudio audio =
        assembler.assemble(new CallScript(List.of(JA, EN), null, "12", 2, GateMode.ANY_KEY, 0, payment));

    assertThat(spoken).containsExactly(
        "ja: おふりこみ ごまんえん、 ふりこみさき ACME Shop",
        "en: A payment of 50,000 Japanese Yen to ACME Shop");
    assertThat(audio.transcript())
        .filteredOn(name -> !name.endsWith("/pause"))
        .containsSubsequence("ja/gate-any-key", "en/gate-any-key",
            "payment", "ja/code-is", "ja/1", "ja/2", "ja/end-of-code",
            "payment", "en/code-is", "en/1", "en/2", "en/end-of-code",
            "ja/repeat", "ja/code-is");
    assertThat(audio.transcript()).filteredOn("payment"::equals).hasSize(2);
    assertThat(audio.whole()).isEqualTo(clipsOf(audio.transcript()));
  }

  @Test
  void saysTheAmountAloneWhenThePayeeCannotBeRead() {
    List<String> spoken = new ArrayList<>();
    PromptAssembler assembler = new PromptAssembler(library, (language, text) -> {
      if (text == null || text.contains("山田商店")) {
        return Optional.empty(); // no brand; kanji cannot be read
      }
      spoken.add(language.tag() + ": " + text);
      return Optional.of(BRAND);
    });

    assembler.assemble(new CallScript(List.of(JA, EN), null, "12", 1, GateMode.OFF, 0,
        new Payment("12.5", "USD", "山田商店")));

    assertThat(spoken).containsExactly("ja: おふりこみ じゅうに てん ご USD", "en: A payment of 12.5 US Dollar");
  }

  @Test
  void leavesThePaymentOutWhenNothingCanBeSynthesized() {
    CallAudio audio = noBrand().assemble(new CallScript(List.of(JA), null, "12", 1, GateMode.OFF, 0,
        new Payment("50000", "JPY", "ACME Shop")));

    assertThat(audio.transcript()).doesNotContain("payment");
  }

  @Test
  void countsTheRepetitionsHeardFromTheSamplesPlayed() {
    CallAudio audio = noBrand().assemble(new CallScript(List.of(JA), null, "123456", 3, GateMode.OFF, 0));
    int[] ends = audio.repetitionEnds();

    assertThat(ends).hasSize(3);
    assertThat(ends[2]).isEqualTo(audio.code().length);
    assertThat(audio.repetitionsPlayed(0)).isZero();
    assertThat(audio.repetitionsPlayed(ends[0] - 1)).isZero();
    assertThat(audio.repetitionsPlayed(ends[0])).isEqualTo(1);
    assertThat(audio.repetitionsPlayed(ends[2])).isEqualTo(3);
    assertThat(audio.singleReading()).isEqualTo(Arrays.copyOf(audio.code(), ends[0]));
  }

  @Test
  void rejectsCodesThatAreNotDigitsAndBadRepetitions() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CallScript(List.of(JA), null, "12a4", 3, GateMode.OFF, 0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CallScript(List.of(JA), null, "1234", 0, GateMode.OFF, 0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CallScript(List.of(), null, "1234", 3, GateMode.OFF, 0));
    assertThat(new CallScript(List.of(JA), null, "1234", 3, GateMode.OFF, 0).toString()).doesNotContain("1234");
    assertThatIllegalArgumentException().isThrownBy(() -> new Payment("5e4", "JPY", "ACME Shop"));
    assertThatIllegalArgumentException().isThrownBy(() -> new Payment("50000", "XYZ", "ACME Shop"));
    assertThatIllegalArgumentException().isThrownBy(() -> new Payment("50000", "JPY", " "));
  }

  @Test
  void parsesLocalesIntoLanguages() {
    assertThat(CallScript.languagesOf("ja")).containsExactly(JA);
    assertThat(CallScript.languagesOf("en-US")).containsExactly(EN);
    assertThat(CallScript.languagesOf("ja+en")).containsExactly(JA, EN);
    assertThat(CallScript.languagesOf("ja-JP,en")).containsExactly(JA, EN);
    assertThatIllegalArgumentException().isThrownBy(() -> CallScript.languagesOf("fr"));
    assertThat(GateMode.of("any-key")).isEqualTo(GateMode.ANY_KEY);
  }

  private static PromptAssembler noBrand() {
    return new PromptAssembler(library, BrandSynthesizer.none());
  }

  private static short[] clipsOf(List<String> transcript) {
    List<short[]> clips = new ArrayList<>();
    for (String name : transcript) {
      if (name.equals("brand") || name.equals("payment")) {
        clips.add(BRAND);
        continue;
      }
      PromptLanguage language = PromptLanguage.of(name.substring(0, 2));
      String clip = name.substring(3);
      if (clip.length() == 1 && Character.isDigit(clip.charAt(0))) {
        clips.add(library.digit(language, clip.charAt(0) - '0'));
      } else {
        clips.add(library.phrase(language, Arrays.stream(Phrase.values()).filter(p -> p.clipName().equals(clip)).findFirst().orElseThrow()));
      }
    }
    return CallAudio.concat(clips.toArray(short[][]::new));
  }
}
