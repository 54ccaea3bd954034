package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VoiceSettingsTest {

  @Test
  void defaultsFollowTheIssue() {
    VoiceSettings s = new VoiceSettings(null, null, null, null, null, null, null, null, null, null);

    assertThat(s.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.gateTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.gate()).isEqualTo("any-key");
    assertThat(s.repetitions()).isEqualTo(3);
    assertThat(s.trunk().port()).isEqualTo(5060);
    assertThat(s.trunk().transport()).isEqualTo("udp");
    assertThat(s.rtpHost()).isEqualTo("127.0.0.1");
    assertThat(s.trunk().configured()).isFalse();
  }

  @Test
  void badValuesNameTheProperty() {
    assertThatThrownBy(() -> new VoiceSettings(null, null, null, null, null, null, null, "sometimes", null, null))
        .hasMessageContaining("kodama.voice.gate");
    assertThatThrownBy(() -> new VoiceSettings.Trunk("h", 5060, "tls", null, null, null, null))
        .hasMessageContaining("kodama.voice.trunk.transport");
    assertThatThrownBy(() -> new VoiceSettings.Trunk("h", 5060, "udp", null, null, "user", null))
        .hasMessageContaining("kodama.voice.trunk.password");
    assertThatThrownBy(() -> new VoiceSettings(null, null, null, Duration.ZERO, null, null, null, null, null, null))
        .hasMessageContaining("kodama.voice.ring-timeout");
    assertThatThrownBy(() -> new VoiceSettings.Sip("0.0.0.0", 5070, null))
        .hasMessageContaining("kodama.voice.sip.advertised-host");
  }

  @Test
  void trunkPasswordIsNotPrinted() {
    assertThat(new VoiceSettings.Trunk("h", 5060, "udp", null, null, "u", "secret").toString())
        .doesNotContain("secret");
  }
}
