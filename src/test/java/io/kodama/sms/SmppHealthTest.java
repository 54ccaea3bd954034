package io.kodama.sms;

import static io.kodama.sms.SmsTestRig.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SmppHealthTest {

  @Test
  void healthAndGaugeAreUpWhileBoundToTheSmscAndDownWhenItIsGone() throws Exception {
    try (SmsTestRig rig = new SmsTestRig(c -> c)) {
      SmppHealth health = new SmppHealth(rig.client);
      MeterRegistry meters = new SimpleMeterRegistry();
      new SmppMetrics(rig.client).bindTo(meters);
      Health bound = health.health();
      assertThat(bound.getStatus()).isEqualTo(Status.UP);
      assertThat(bound.getDetails()).hasSize(1).containsValue("bound");
      String connection = bound.getDetails().keySet().iterator().next();
      Gauge up = meters.get("kodama.smpp.connection.up").tag("connection", connection).gauge();
      assertThat(up.value()).isEqualTo(1.0);

      rig.simulator.close();

      await("the health goes down", () -> health.health().getStatus().equals(Status.DOWN));
      assertThat(health.health().getDetails()).containsOnlyKeys(connection).containsValue("unbound");
      assertThat(up.value()).isEqualTo(0.0);
    }
  }
}
