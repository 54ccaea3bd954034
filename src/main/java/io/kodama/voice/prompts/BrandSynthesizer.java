package io.kodama.voice.prompts;

import java.util.Optional;

/**
 * Reads a tenant's brand name aloud, and a payment's amount and payee ({@link Payment}). Optional:
 * when it cannot (no synthesizer installed, a name it cannot pronounce), the call says the
 * generic intro instead, and the payment without its payee or not at all.
 */
public interface BrandSynthesizer {

  /**
   * The brand name (or other text) spoken in a language, 16-bit PCM at 8 kHz mono, or empty when
   * it cannot be read.
   */
  Optional<short[]> speak(PromptLanguage language, String brand);

  /** A synthesizer that never reads brands. */
  static BrandSynthesizer none() {
    return (language, brand) -> Optional.empty();
  }
}
