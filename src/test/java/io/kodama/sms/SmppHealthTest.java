package io.kodama.sms;

import static io.kodama.sms.SmsTestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SmppHealthTest {

  @Test
  void upWhileBoundToTheSmscAndDownWhenItIsGone() throws Exception {
    try (SmsTestRig rig = new SmsTestRig(c -> c)) {
      SmppHealth health = new SmppHealth(rig.client);
      Health bound = health.health();
      assertThat(bound.getStatus()).isEqualTo(Status.UP);
      assertThat(bound.getDetails()).hasSize(1).containsValue("bound");

      rig.simulator.close();

      await("the health goes down", () -> health.health().getStatus().equals(Status.DOWN));
      assertThat(health.health().getDetails()).containsOnlyKeys(bound.getDetails().keySet()).containsValue("unbound");
    }
  }
}
