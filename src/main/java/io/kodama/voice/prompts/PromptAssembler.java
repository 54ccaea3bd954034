package io.kodama.voice.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the audio of a call from the prompt clips: digit by digit with a pause between digits,
 * each part said in each of the call's languages in turn (Japanese first, then English).
 *
 * <pre>
 * ja: こちらは {brand} です。 にんしょうコードを おしらせします。       (opening)
 *     コードを きくには つぎの ボタンを おしてください 7            (gate, when on)
 *     おふりこみ ごまんえん、 ふりこみさき {payee}                  (payment, when there is one)
 *     にんしょうコードは 4 8 2 9 1 5 です。 くりかえします。 …      (code × repetitions)
 *     もういちど きくには いちを おしてください。 しつれいします。      (repeat offer, goodbye)
 * en: This is {brand}. / Press any key to hear your code. / A payment of 50,000 Japanese Yen to
 *     {payee}. / Your verification code is 4 8 2 9 1 5. Again: … / To hear it again, press 1. /
 *     Goodbye.
 * </pre>
 *
 * Without a readable brand the opening is the generic intro. The payment is synthesized like the
 * brand, and said in each language just before the first reading of the code (so "press 1" says
 * it again); without a readable payee (kanji) it names the amount alone, and it is left out when
 * nothing can be synthesized. Thread-safe.
 */
public final class PromptAssembler {

  private final PromptLibrary library;
  private final BrandSynthesizer brands;

  public PromptAssembler(PromptLibrary library, BrandSynthesizer brands) {
    this.library = library;
    this.brands = brands;
  }

  /** Assembles a call. May run the brand synthesizer (cached) the first time a brand is seen. */
  public CallAudio assemble(CallScript script) {
    List<String> transcript = new ArrayList<>();
    List<PromptLanguage> languages = script.languages();

    Builder opening = new Builder(transcript);
    for (PromptLanguage language : languages) {
      Optional<short[]> brand = brands.speak(language, script.brand());
      if (brand.isPresent()) {
        opening.phrase(language, Phrase.INTRO).add(brand.get(), "brand");
        if (language == PromptLanguage.JA) {
          opening.phrase(language, Phrase.END_OF_CODE).pause(language);
          opening.phrase(language, Phrase.INTRO_GENERIC);
        }
      } else {
        opening.phrase(language, Phrase.INTRO_GENERIC);
      }
      opening.pause(language).pause(language);
    }

    Builder gate = new Builder(transcript);
    if (script.gate() != GateMode.OFF) {
      for (PromptLanguage language : languages) {
        if (script.gate() == GateMode.ANY_KEY) {
          gate.phrase(language, Phrase.GATE_ANY_KEY);
        } else {
          gate.phrase(language, Phrase.GATE_DIGIT).pause(language).digit(language, script.gateDigit());
        }
        gate.pause(language).pause(language);
      }
    }

    Builder code = new Builder(transcript);
    int[] repetitionEnds = new int[script.repetitions()];
    for (int r = 0; r < script.repetitions(); r++) {
      for (PromptLanguage language : languages) {
        if (r > 0) {
          code.phrase(language, Phrase.REPEAT).pause(language);
        } else if (script.payment() != null) {
          Optional<short[]> spoken = payment(language, script.payment());
          if (spoken.isPresent()) {
            code.add(spoken.get(), "payment").pause(language).pause(language);
          }
        }
        code.phrase(language, Phrase.CODE_IS).pause(language);
        for (int i = 0; i < script.code().length(); i++) {
          code.digit(language, script.code().charAt(i) - '0').pause(language);
        }
        code.phrase(language, Phrase.END_OF_CODE).pause(language).pause(language);
      }
      repetitionEnds[r] = code.length();
    }

    Builder repeatOffer = new Builder(transcript);
    for (PromptLanguage language : languages) {
      repeatOffer.phrase(language, Phrase.PRESS_1_TO_REPEAT).pause(language);
    }
    Builder goodbye = new Builder(transcript);
    for (PromptLanguage language : languages) {
      goodbye.phrase(language, Phrase.GOODBYE).pause(language);
    }

    return new CallAudio(
        opening.build(),
        gate.build(),
        code.build(),
        repetitionEnds,
        repeatOffer.build(),
        goodbye.build(),
        List.copyOf(transcript));
  }

  private Optional<short[]> payment(PromptLanguage language, Payment payment) {
    return brands.speak(language, payment.words(language, true))
        .or(() -> brands.speak(language, payment.words(language, false)));
  }

  private final class Builder {
    private final List<short[]> parts = new ArrayList<>();
    private final List<String> transcript;
    private int length;

    Builder(List<String> transcript) {
      this.transcript = transcript;
    }

    Builder phrase(PromptLanguage language, Phrase phrase) {
      return add(library.phrase(language, phrase), language.tag() + "/" + phrase.clipName());
    }

    Builder digit(PromptLanguage language, int digit) {
      return add(library.digit(language, digit), language.tag() + "/" + digit);
    }

    Builder pause(PromptLanguage language) {
      return add(library.phrase(language, Phrase.PAUSE), language.tag() + "/" + Phrase.PAUSE.clipName());
    }

    Builder add(short[] clip, String name) {
      parts.add(clip);
      transcript.add(name);
      length += clip.length;
      return this;
    }

    int length() {
      return length;
    }

    short[] build() {
      return CallAudio.concat(parts.toArray(short[][]::new));
    }
  }
}
