package io.kodama.simulator.phone;

import io.kodama.voice.SimulatedTrunk;
import io.kodama.voice.prompts.PromptLibrary;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the simulated phone when {@code kodama.simulators.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kodama.simulators.enabled", havingValue = "true")
@EnableConfigurationProperties(PhoneSettings.class)
class SimulatedPhoneConfiguration {

  @Bean(destroyMethod = "close")
  SimulatedPhone simulatedPhone(
      PhoneSettings settings, PromptLibrary prompts, ObjectProvider<Clock> clock) {
    PhoneSettings effective =
        settings.recordingsDir() == null
            ? settings.withRecordingsDir(Path.of("data", "recordings"))
            : settings;
    return new SimulatedPhone(effective, prompts, clock.getIfAvailable(Clock::systemUTC));
  }

  /** Kodama's trunk goes to the phone unless kodama.voice.trunk.host is set. */
  @Bean
  SimulatedTrunk simulatedTrunk(SimulatedPhone phone) {
    return phone::address;
  }
}
