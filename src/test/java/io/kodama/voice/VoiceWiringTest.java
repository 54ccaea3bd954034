package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.DeliveryChannel;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.simulator.phone.SimulatedPhone;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The voice and simulated-phone beans in a small context (not the application): with simulators
 * on and no trunk set, the channel calls the simulated phone.
 */
class VoiceWiringTest {

  @Configuration(proxyBeanMethods = false)
  @ComponentScan({"io.kodama.voice", "io.kodama.simulator.phone"})
  static class Voice {
    @Bean
    RecordingAttemptUpdates attemptUpdates() {
      return new RecordingAttemptUpdates();
    }
  }

  @Test
  void simulatorsOnPointTheTrunkAtTheSimulatedPhone() {
    new ApplicationContextRunner()
        .withUserConfiguration(Voice.class)
        .withPropertyValues(
            "kodama.simulators.enabled=true",
            "kodama.simulators.phone.port=0",
            "kodama.simulators.phone.recordings-dir=target/test-recordings",
            "kodama.voice.sip.port=0",
            "kodama.voice.brand-synthesis=false",
            "kodama.voice.gate=off",
            "kodama.voice.repeat-window=200ms")
        .run(context -> {
          assertThat(context).hasNotFailed();
          DeliveryChannel channel = context.getBean(DeliveryChannel.class);
          RecordingAttemptUpdates updates = (RecordingAttemptUpdates) context.getBean(AttemptUpdates.class);
          SimulatedPhone phone = context.getBean(SimulatedPhone.class);

          channel.deliver(new DeliveryTask("att_w", "vrf_w", "ten_w", "+81355500003", "5274", "en",
              "", 5, "login", Map.of("voice.repetitions", "2")));

          assertThat(updates.awaitFinal("att_w", Duration.ofSeconds(60)).status()).isEqualTo("completed");
          var call = phone.awaitCall("+81355500003", Duration.ofSeconds(10)).orElseThrow();
          assertThat(call.recognizedCode()).isEqualTo("5274");
          assertThat(call.recording()).exists();
        });
  }

  @Test
  void withoutTrunkOrSimulatorsCallsFailAsNotConfigured() {
    new ApplicationContextRunner()
        .withUserConfiguration(Voice.class)
        .withPropertyValues("kodama.voice.sip.port=0", "kodama.voice.brand-synthesis=false")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(SimulatedPhone.class);
          context.getBean(DeliveryChannel.class).deliver(new DeliveryTask("att_n", "vrf", "ten",
              "+81355500000", "1234", "ja", "", 5, "login", Map.of()));
          RecordingAttemptUpdates updates = (RecordingAttemptUpdates) context.getBean(AttemptUpdates.class);
          assertThat(updates.awaitFinal("att_n", Duration.ofSeconds(5)).reason())
              .isEqualTo("voice_not_configured");
        });
  }

  @Test
  void badVoiceSettingStopsTheStartNamingTheProperty() {
    new ApplicationContextRunner()
        .withUserConfiguration(Voice.class)
        .withPropertyValues("kodama.voice.trunk.transport=sctp", "kodama.voice.brand-synthesis=false")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("kodama.voice.trunk.transport"));
  }
}
