package io.kodama.sms;

import io.kodama.sms.smpp.SmppClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code kodama_smpp_connection_up{connection=…}}: 1 while the connection can send, 0 while it
 * cannot, for alerting on an SMSC that is gone (the {@code smpp} health component says the same).
 */
@Component
class SmppMetrics implements MeterBinder {

  private final SmppClient client;

  SmppMetrics(SmppClient client) {
    this.client = client;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String connection : client.states().keySet()) {
      Gauge.builder("kodama.smpp.connection.up", client, c -> c.states().get(connection).canSend() ? 1 : 0)
          .description("1 while the SMPP connection can send (its transmitter or transceiver session is bound), else 0")
          .tag("connection", connection)
          .register(registry);
    }
  }
}
