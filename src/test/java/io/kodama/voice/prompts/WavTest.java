package io.kodama.voice.prompts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

  @Test
  void readsBackWhatItWrites(@TempDir Path dir) throws IOException {
    short[] pcm = {0, 1, -1, 32767, -32768, 1234};
    Path file = dir.resolve("call.wav");

    Wav.write(file, pcm);

    assertThat(Wav.read(file)).containsExactly(pcm);
    assertThat(Wav.toBytes(pcm)).hasSize(44 + 12);
  }

  @Test
  void resamplingKeepsSpeechFrequenciesAndRemovesThoseAboveFourKilohertz() {
    short[] speech = sine(16000, 16000, 440);
    short[] tooHigh = sine(16000, 16000, 6000);

    short[] speechAt8k = Wav.resample(speech, 16000);
    short[] tooHighAt8k = Wav.resample(tooHigh, 16000);

    assertThat(speechAt8k).hasSize(8000);
    assertThat(rms(speechAt8k)).isGreaterThan(0.6 * rms(speech));
    assertThat(rms(tooHighAt8k)).isLessThan(0.1 * rms(tooHigh));
  }

  private static short[] sine(int rate, int length, double hertz) {
    short[] out = new short[length];
    for (int i = 0; i < length; i++) {
      out[i] = (short) (10000 * Math.sin(2 * Math.PI * hertz * i / rate));
    }
    return out;
  }

  private static double rms(short[] pcm) {
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / pcm.length);
  }
}
