package io.kodama.voice.prompts;

import java.util.Locale;

/** A language the voice can speak; its tag names the prompt folder ({@code prompts/ja/}). */
public enum PromptLanguage {
  JA("ja", "ja"),
  EN("en", "en");

  private final String tag;
  private final String espeakVoice;

  PromptLanguage(String tag, String espeakVoice) {
    this.tag = tag;
    this.espeakVoice = espeakVoice;
  }

  /** The language tag used in the API and as the prompt folder name. */
  public String tag() {
    return tag;
  }

  String espeakVoice() {
    return espeakVoice;
  }

  /**
   * The language of a locale tag ({@code ja}, {@code ja-JP}, {@code en}, {@code en-US}).
   *
   * @throws IllegalArgumentException for a language without prompts
   */
  public static PromptLanguage of(String localeTag) {
    String language = Locale.forLanguageTag(localeTag.replace('_', '-')).getLanguage();
    for (PromptLanguage value : values()) {
      if (value.tag.equals(language)) {
        return value;
      }
    }
    throw new IllegalArgumentException("no voice prompts for locale '" + localeTag + "'");
  }
}
