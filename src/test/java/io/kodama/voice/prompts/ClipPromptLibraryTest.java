package io.kodama.voice.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipPromptLibraryTest {

  @Test
  void hasEveryDigitAndPhraseForEveryLanguage() {
    ClipPromptLibrary library = ClipPromptLibrary.builtIn();

    for (PromptLanguage language : PromptLanguage.values()) {
      for (int d = 0; d <= 9; d++) {
        assertThat(library.digit(language, d)).as("%s %d", language, d).hasSizeGreaterThan(800);
      }
      for (Phrase phrase : Phrase.values()) {
        assertThat(library.phrase(language, phrase)).as("%s %s", language, phrase).isNotEmpty();
      }
    }
  }

  @Test
  void givesCopiesThatCallersCannotSpoil() {
    ClipPromptLibrary library = ClipPromptLibrary.builtIn();
    short[] four = library.digit(PromptLanguage.JA, 4);
    short first = four[100];

    four[100] = (short) (first + 1);

    assertThat(library.digit(PromptLanguage.JA, 4)[100]).isEqualTo(first);
  }

  @Test
  void operatorRecordingsReplaceClipsOfTheSameNameInAnyPcmFormat(@TempDir Path dir) throws IOException {
    // a studio recording: 16 kHz stereo, 0.5 s of a 440 Hz tone
    Files.createDirectories(dir.resolve("ja"));
    writeWav(dir.resolve("ja/4.wav"), tone(16000, 2, 8000, 440));
    ClipPromptLibrary builtIn = ClipPromptLibrary.builtIn();

    ClipPromptLibrary library = new ClipPromptLibrary(dir);

    assertThat(library.digit(PromptLanguage.JA, 4)).hasSizeBetween(3990, 4000);
    assertThat(library.digit(PromptLanguage.JA, 5)).isEqualTo(builtIn.digit(PromptLanguage.JA, 5));
    assertThat(library.digit(PromptLanguage.EN, 4)).isEqualTo(builtIn.digit(PromptLanguage.EN, 4));
  }

  @Test
  void refusesToStartWithAnUnreadableRecordingAndNamesIt(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("en"));
    Files.writeString(dir.resolve("en/goodbye.wav"), "not audio");

    assertThatThrownBy(() -> new ClipPromptLibrary(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("goodbye.wav");
  }

  static byte[] tone(int rate, int channels, int frames, double hertz) {
    ByteBuffer out = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      short s = (short) (8000 * Math.sin(2 * Math.PI * hertz * i / rate));
      for (int c = 0; c < channels; c++) {
        out.putShort(s);
      }
    }
    return out.array();
  }

  static void writeWav(Path file, byte[] pcm16kStereo) throws IOException {
    AudioFormat format = new AudioFormat(16000, 16, 2, true, false);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(pcm16kStereo), format, pcm16kStereo.length / 4)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
  }
}
