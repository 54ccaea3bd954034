package io.kodama.voice.prompts;

import java.util.Locale;

/**
 * Whether the code is read only after the callee presses a key, so that it does not land in a
 * voicemail box.
 */
public enum GateMode {
  /** Read the code at once. */
  OFF,
  /** "Press any key to hear your code". */
  ANY_KEY,
  /** "To hear your code, press 7": only the named digit opens the gate. */
  DIGIT;

  /** Parses the setting value {@code off}, {@code any-key} / {@code any_key}, {@code digit}. */
  public static GateMode of(String setting) {
    return valueOf(setting.strip().replace('-', '_').toUpperCase(Locale.ROOT));
  }
}
