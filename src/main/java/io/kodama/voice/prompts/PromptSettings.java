package io.kodama.voice.prompts;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Prompt settings.
 *
 * @param promptsDir {@code kodama.voice.prompts-dir}: a folder of the operator's recordings laid
 *     out like the built-in clips ({@code ja/4.wav}, {@code en/code-is.wav}, …); files found
 *     there replace the built-in ones. Unset: built-in clips only.
 * @param brandSynthesis {@code kodama.voice.brand-synthesis}: read brand names, and a payment's
 *     amount and payee, with espeak-ng (default true; without espeak-ng the generic intro is
 *     said and no payment)
 * @param espeakCommand {@code kodama.voice.espeak-command}: the espeak-ng executable
 */
@ConfigurationProperties("kodama.voice")
public record PromptSettings(Path promptsDir, Boolean brandSynthesis, String espeakCommand) {

  public PromptSettings {
    if (promptsDir != null && !Files.isDirectory(promptsDir)) {
      throw new IllegalArgumentException(
          "kodama.voice.prompts-dir is not a folder: " + promptsDir.toAbsolutePath());
    }
    if (brandSynthesis == null) {
      brandSynthesis = Boolean.TRUE;
    }
    if (espeakCommand == null || espeakCommand.isBlank()) {
      espeakCommand = "espeak-ng";
    }
  }
}
