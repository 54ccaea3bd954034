package io.kodama.voice.prompts;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads and writes WAV files as 16-bit linear PCM, 8 kHz, mono. Reading converts other PCM
 * formats (sample rate, channels, sample size) so that operators can drop in studio recordings
 * as they come.
 */
public final class Wav {

  private static final AudioFormat TARGET =
      new AudioFormat(PromptLibrary.SAMPLE_RATE, 16, 1, true, false);

  private Wav() {}

  /** Reads a WAV file. */
  public static short[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new IOException("cannot read WAV " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a WAV stream, converting it to 8 kHz mono 16-bit if needed. */
  public static short[] read(InputStream wav) throws IOException {
    try (AudioInputStream source = AudioSystem.getAudioInputStream(new BufferedInputStream(wav))) {
      AudioFormat format = source.getFormat();
      AudioInputStream pcm = source;
      if (!matches(format)) {
        AudioFormat intermediate = format;
        if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
            || format.getSampleSizeInBits() != 16
            || format.isBigEndian()) {
          intermediate =
              new AudioFormat(format.getSampleRate(), 16, format.getChannels(), true, false);
          pcm = AudioSystem.getAudioInputStream(intermediate, pcm);
        }
        short[] samples = toShorts(pcm.readAllBytes());
        return resample(downmix(samples, intermediate.getChannels()), intermediate.getSampleRate());
      }
      return toShorts(pcm.readAllBytes());
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw new IOException("not a PCM WAV file: " + e.getMessage(), e);
    }
  }

  /** Reads WAV bytes. */
  public static short[] read(byte[] wav) throws IOException {
    return read(new ByteArrayInputStream(wav));
  }

  /** Writes 8 kHz mono 16-bit PCM as a WAV file, atomically (temporary file, then move). */
  public static void write(Path file, short[] pcm) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
    try {
      Files.write(temporary, toBytes(pcm));
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** 8 kHz mono 16-bit PCM as WAV bytes. */
  public static byte[] toBytes(short[] pcm) {
    int dataLength = pcm.length * 2;
    ByteBuffer out = ByteBuffer.allocate(44 + dataLength).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36 + dataLength);
    out.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '}).putInt(16);
    out.putShort((short) 1).putShort((short) 1);
    out.putInt(PromptLibrary.SAMPLE_RATE).putInt(PromptLibrary.SAMPLE_RATE * 2);
    out.putShort((short) 2).putShort((short) 16);
    out.put(new byte[] {'d', 'a', 't', 'a'}).putInt(dataLength);
    for (short sample : pcm) {
      out.putShort(sample);
    }
    return out.array();
  }

  private static boolean matches(AudioFormat format) {
    return format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED
        && format.getSampleSizeInBits() == 16
        && format.getChannels() == 1
        && !format.isBigEndian()
        && Math.abs(format.getSampleRate() - TARGET.getSampleRate()) < 0.5f;
  }

  private static short[] toShorts(byte[] littleEndian) {
    short[] out = new short[littleEndian.length / 2];
    ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  private static short[] downmix(short[] interleaved, int channels) {
    if (channels == 1) {
      return interleaved;
    }
    short[] mono = new short[interleaved.length / channels];
    for (int i = 0; i < mono.length; i++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += interleaved[i * channels + c];
      }
      mono[i] = (short) (sum / channels);
    }
    return mono;
  }

  /**
   * Resamples to 8 kHz: a windowed-sinc low-pass at the new Nyquist frequency (when going down)
   * and linear interpolation between the filtered samples. Good enough for speech prompts.
   */
  static short[] resample(short[] in, float fromRate) {
    if (Math.abs(fromRate - PromptLibrary.SAMPLE_RATE) < 0.5f) {
      return in;
    }
    double ratio = fromRate / PromptLibrary.SAMPLE_RATE;
    double[] filtered = new double[in.length];
    if (ratio > 1) {
      double cutoff = 0.45 / ratio;
      int half = (int) Math.ceil(8 * ratio);
      double[] taps = new double[2 * half + 1];
      double sum = 0;
      for (int k = -half; k <= half; k++) {
        double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
        double window = 0.54 + 0.46 * Math.cos(Math.PI * k / half);
        taps[k + half] = sinc * window;
        sum += taps[k + half];
      }
      for (int i = 0; i < in.length; i++) {
        double acc = 0;
        for (int k = -half; k <= half; k++) {
          int j = i + k;
          if (j >= 0 && j < in.length) {
            acc += in[j] * taps[k + half];
          }
        }
        filtered[i] = acc / sum;
      }
    } else {
      for (int i = 0; i < in.length; i++) {
        filtered[i] = in[i];
      }
    }
    int outLength = (int) Math.floor(in.length / ratio);
    short[] out = new short[outLength];
    for (int i = 0; i < outLength; i++) {
      double position = i * ratio;
      int j = (int) position;
      double fraction = position - j;
      double a = filtered[Math.min(j, in.length - 1)];
      double b = filtered[Math.min(j + 1, in.length - 1)];
      double value = a + (b - a) * fraction;
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
    return out;
  }
}
