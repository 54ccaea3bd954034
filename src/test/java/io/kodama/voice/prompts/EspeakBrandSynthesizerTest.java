package io.kodama.voice.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Peers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EspeakBrandSynthesizerTest {

  @Test
  void cannotReadBrandsWhenEspeakIsMissing() {
    EspeakBrandSynthesizer synthesizer =
        new EspeakBrandSynthesizer("/nonexistent/espeak-ng", Duration.ofSeconds(5));

    assertThat(synthesizer.speak(PromptLanguage.EN, "Kodama")).isEmpty();
    assertThat(synthesizer.available()).isFalse();
  }

  @Test
  void doesNotTryNamesWrittenInKanjiOrBlank() {
    EspeakBrandSynthesizer synthesizer = new EspeakBrandSynthesizer();

    assertThat(synthesizer.speak(PromptLanguage.JA, "木霊銀行")).isEmpty();
    assertThat(synthesizer.speak(PromptLanguage.JA, "  ")).isEmpty();
    assertThat(synthesizer.speak(PromptLanguage.JA, null)).isEmpty();
  }

  @Test
  void readsKanaAndLatinBrandsWithEspeakAndCachesThem() {
    EspeakBrandSynthesizer synthesizer = new EspeakBrandSynthesizer();
    Peers.require(synthesizer.available(), "espeak-ng is not installed (apt-get install -y espeak-ng)");

    short[] kana = synthesizer.speak(PromptLanguage.JA, "こだま ぎんこう").orElseThrow();
    short[] latin = synthesizer.speak(PromptLanguage.EN, "Kodama Bank").orElseThrow();

    assertThat(kana.length).isBetween(2000, 8000 * 5);
    assertThat(latin.length).isBetween(2000, 8000 * 5);
    assertThat(synthesizer.speak(PromptLanguage.JA, "こだま ぎんこう").orElseThrow()).isEqualTo(kana);
  }
}
