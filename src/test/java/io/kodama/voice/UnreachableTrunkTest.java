package io.kodama.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.dispatch.RetryableDeliveryException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnreachableTrunkTest {

  @Test
  void trunkRefusingTcpMakesTheDeliveryRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
    try (VoiceRig kodama = new VoiceRig("127.0.0.1:" + closedPort, "tcp", null,
        VoiceRig.fastTimings(), () -> 7, updates, 5)) {
      DeliveryTask task = new DeliveryTask("att_down", "vrf", "ten", "+81355500000", "123456",
          "ja", "", 5, "login", Map.of());

      assertThatThrownBy(() -> kodama.channel.deliver(task))
          .isInstanceOf(RetryableDeliveryException.class)
          .hasMessageContaining("+81 3-****-0000")
          .hasMessageNotContaining("355500000");
      assertThat(kodama.channel.activeCalls()).isZero();
      assertThat(updates.of("att_down")).isEmpty();
    }
  }
}
