package io.kodama.voice.prompts;

/**
 * The recorded clips a call is built from, per language: the digits 0–9 and the {@link Phrase}s.
 * Audio is 16-bit linear PCM, 8 kHz, mono ({@link #SAMPLE_RATE}). Returned arrays are copies.
 */
public interface PromptLibrary {

  /** Samples per second of every clip. */
  int SAMPLE_RATE = 8000;

  /** The clip of a phrase. */
  short[] phrase(PromptLanguage language, Phrase phrase);

  /**
   * The clip of a digit.
   *
   * @param digit 0–9
   */
  short[] digit(PromptLanguage language, int digit);
}
