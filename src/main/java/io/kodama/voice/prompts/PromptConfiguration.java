package io.kodama.voice.prompts;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The prompt library, the brand synthesizer and the assembler as beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PromptSettings.class)
class PromptConfiguration {

  @Bean
  PromptLibrary promptLibrary(PromptSettings settings) {
    return new ClipPromptLibrary(settings.promptsDir());
  }

  @Bean
  BrandSynthesizer brandSynthesizer(PromptSettings settings) {
    return settings.brandSynthesis()
        ? new EspeakBrandSynthesizer(settings.espeakCommand(), Duration.ofSeconds(5))
        : BrandSynthesizer.none();
  }

  @Bean
  PromptAssembler promptAssembler(PromptLibrary library, BrandSynthesizer brands) {
    return new PromptAssembler(library, brands);
  }
}
