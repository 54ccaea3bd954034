package io.kodama.voice.prompts;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads brand names and payments with the espeak-ng command, keeping the {@value #MAX_CACHED}
 * results used last. Degrades to "cannot read" (the generic intro, no payee) when espeak-ng is
 * missing, fails or takes too long, and for Japanese names written with kanji, which espeak-ng
 * cannot read (give the brand in kana or latin letters).
 */
public final class EspeakBrandSynthesizer implements BrandSynthesizer {

  private static final Logger log = LoggerFactory.getLogger(EspeakBrandSynthesizer.class);
  private static final int MAX_TEXT_LENGTH = 160; // a payee has up to 100 characters
  private static final int MAX_CACHED = 256;
  private static final int SILENCE_THRESHOLD = 200;

  private final String command;
  private final Duration timeout;
  private final Map<String, Optional<short[]>> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<short[]>> eldest) {
              return size() > MAX_CACHED;
            }
          });
  private final AtomicBoolean warnedMissing = new AtomicBoolean();

  /**
   * @param command the espeak-ng executable ({@code espeak-ng}, or a full path)
   * @param timeout how long one synthesis may take
   */
  public EspeakBrandSynthesizer(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  /** {@code espeak-ng} from the PATH, 5 s timeout. */
  public EspeakBrandSynthesizer() {
    this("espeak-ng", Duration.ofSeconds(5));
  }

  @Override
  public Optional<short[]> speak(PromptLanguage language, String brand) {
    if (brand == null || brand.isBlank()) {
      return Optional.empty();
    }
    String text = brand.strip();
    if (text.length() > MAX_TEXT_LENGTH || !readable(language, text)) {
      return Optional.empty();
    }
    String key = language.tag() + '\u0000' + text;
    Optional<short[]> spoken = cache.get(key);
    if (spoken == null) {
      // outside the cache's lock: a synthesis takes up to the timeout
      spoken = synthesize(language, text);
      cache.put(key, spoken);
    }
    return spoken.map(short[]::clone);
  }

  /** Whether espeak-ng can be run here. */
  public boolean available() {
    return synthesize(PromptLanguage.EN, "test").isPresent();
  }

  static boolean readable(PromptLanguage language, String text) {
    return text.codePoints()
        .allMatch(
            c -> {
              Character.UnicodeScript script = Character.UnicodeScript.of(c);
              if (script == Character.UnicodeScript.HAN) {
                return false; // kanji: espeak-ng says "Chinese letter"
              }
              return !Character.isISOControl(c);
            });
  }

  private Optional<short[]> synthesize(PromptLanguage language, String text) {
    List<String> arguments = new ArrayList<>(List.of(command, "-v", language.espeakVoice(), "--stdout"));
    arguments.add("--");
    arguments.add(text);
    Process process;
    try {
      process = new ProcessBuilder(arguments).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      if (warnedMissing.compareAndSet(false, true)) {
        log.warn("espeak-ng cannot be run ({}); calls say the generic intro instead of the brand",
            e.getMessage());
      }
      return Optional.empty();
    }
    try {
      byte[] wav = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        log.warn("espeak-ng took longer than {} for a brand name", timeout);
        return Optional.empty();
      }
      if (process.exitValue() != 0 || wav.length == 0) {
        log.warn("espeak-ng failed for a brand name (exit {})", process.exitValue());
        return Optional.empty();
      }
      short[] samples = normalize(trim(Wav.read(wav)));
      return samples.length == 0 ? Optional.empty() : Optional.of(samples);
    } catch (IOException e) {
      log.warn("reading espeak-ng output failed", e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return Optional.empty();
    }
  }

  /** Scales to a peak of -3 dBFS, the level of the generated clips. */
  static short[] normalize(short[] pcm) {
    int peak = 1;
    for (short s : pcm) {
      peak = Math.max(peak, Math.abs(s));
    }
    double gain = 23197.0 / peak;
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(pcm[i] * gain)));
    }
    return out;
  }

  /** Removes leading and trailing silence, keeping 10 ms on each side. */
  static short[] trim(short[] pcm) {
    int start = 0;
    while (start < pcm.length && Math.abs(pcm[start]) < SILENCE_THRESHOLD) {
      start++;
    }
    int end = pcm.length;
    while (end > start && Math.abs(pcm[end - 1]) < SILENCE_THRESHOLD) {
      end--;
    }
    if (start >= end) {
      return new short[0];
    }
    start = Math.max(0, start - 80);
    end = Math.min(pcm.length, end + 80);
    return java.util.Arrays.copyOfRange(pcm, start, end);
  }
}
