package io.kodama.voice.prompts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PromptLibrary} of WAV clips: the synthesized clips shipped on the classpath under
 * {@code prompts/{ja,en}/}, each replaced by a file of the same name in the operator's folder
 * ({@code kodama.voice.prompts-dir}, laid out the same way: {@code <dir>/ja/4.wav}) when there is
 * one. All clips are loaded and checked when it is created, so a missing or unreadable clip
 * stops the start with the file's name.
 */
public final class ClipPromptLibrary implements PromptLibrary {

  private static final Logger log = LoggerFactory.getLogger(ClipPromptLibrary.class);
  private static final String CLASSPATH_ROOT = "prompts/";

  private final Map<PromptLanguage, Map<Phrase, short[]>> phrases =
      new EnumMap<>(PromptLanguage.class);
  private final Map<PromptLanguage, short[][]> digits = new EnumMap<>(PromptLanguage.class);

  /**
   * Loads every clip.
   *
   * @param operatorDir the operator's folder of recordings, or null for the shipped clips only
   * @throws UncheckedIOException naming the clip that is missing or unreadable
   */
  public ClipPromptLibrary(Path operatorDir) {
    int overridden = 0;
    for (PromptLanguage language : PromptLanguage.values()) {
      Map<Phrase, short[]> byPhrase = new EnumMap<>(Phrase.class);
      for (Phrase phrase : Phrase.values()) {
        Loaded loaded = load(operatorDir, language, phrase.fileName());
        byPhrase.put(phrase, loaded.samples());
        overridden += loaded.fromOperator() ? 1 : 0;
      }
      short[][] byDigit = new short[10][];
      for (int d = 0; d <= 9; d++) {
        Loaded loaded = load(operatorDir, language, d + ".wav");
        byDigit[d] = loaded.samples();
        overridden += loaded.fromOperator() ? 1 : 0;
      }
      phrases.put(language, byPhrase);
      digits.put(language, byDigit);
    }
    if (operatorDir != null) {
      log.info("Voice prompts: {} clips from {}, the others built in", overridden, operatorDir);
    }
  }

  /** The shipped clips only. */
  public static ClipPromptLibrary builtIn() {
    return new ClipPromptLibrary(null);
  }

  @Override
  public short[] phrase(PromptLanguage language, Phrase phrase) {
    return phrases.get(language).get(phrase).clone();
  }

  @Override
  public short[] digit(PromptLanguage language, int digit) {
    if (digit < 0 || digit > 9) {
      throw new IllegalArgumentException("not a digit: " + digit);
    }
    return digits.get(language)[digit].clone();
  }

  private record Loaded(short[] samples, boolean fromOperator) {}

  private static Loaded load(Path operatorDir, PromptLanguage language, String fileName) {
    if (operatorDir != null) {
      Path file = operatorDir.resolve(language.tag()).resolve(fileName);
      if (Files.isRegularFile(file)) {
        try {
          return new Loaded(checked(Wav.read(file), file.toString()), true);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot load voice prompt " + file, e);
        }
      }
    }
    String resource = CLASSPATH_ROOT + language.tag() + "/" + fileName;
    try (InputStream in = ClipPromptLibrary.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("voice prompt missing from the classpath: " + resource));
      }
      return new Loaded(checked(Wav.read(in), resource), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load voice prompt " + resource, e);
    }
  }

  private static short[] checked(short[] samples, String name) throws IOException {
    if (samples.length == 0) {
      throw new IOException("voice prompt " + name + " is empty");
    }
    return samples;
  }
}
