package io.kodama.voice.prompts;

/**
 * The phrases of a call, besides the digits. Each is one clip per language, in a file named
 * {@link #fileName()} ({@code code-is.wav}).
 */
public enum Phrase {
  /** ja 「こちらは」 / en "This is", said before the brand. */
  INTRO("intro"),
  /** Said instead of the intro and brand when no brand can be read. */
  INTRO_GENERIC("intro-generic"),
  /** ja 「にんしょうコードは」 / en "Your verification code is". */
  CODE_IS("code-is"),
  /** ja 「です」 (after the code, and after the brand); en a short silence. */
  END_OF_CODE("end-of-code"),
  /** ja 「くりかえします」 / en "Again". */
  REPEAT("repeat"),
  /** "Press any key to hear your code". */
  GATE_ANY_KEY("gate-any-key"),
  /** "To hear your code, press", followed by a digit clip. */
  GATE_DIGIT("gate-digit"),
  /** "To hear it again, press 1". */
  PRESS_1_TO_REPEAT("press-1-to-repeat"),
  /** ja 「しつれいします」 / en "Goodbye". */
  GOODBYE("goodbye"),
  /** A short silence between digits and phrases. */
  PAUSE("pause");

  private final String name;

  Phrase(String name) {
    this.name = name;
  }

  /** The clip's name without extension. */
  public String clipName() {
    return name;
  }

  /** The clip's file name. */
  public String fileName() {
    return name + ".wav";
  }
}
