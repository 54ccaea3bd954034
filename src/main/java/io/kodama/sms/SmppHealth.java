package io.kodama.sms;

import io.kodama.sms.smpp.SmppClient;
import io.kodama.sms.smpp.SmppClient.ConnectionState;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code smpp} in {@code /actuator/health}: up while at least one SMPP connection can send, down
 * while none can; the state of each connection is in its details (a connection whose separate
 * receiver is not bound sends, but its receipts wait).
 * Not part of the liveness or readiness probes: a node without its SMSC still takes API calls, and
 * its SMS wait in their jobs until a connection binds again.
 */
@Component("smpp")
class SmppHealth implements HealthIndicator {

  private final SmppClient client;

  SmppHealth(SmppClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    Map<String, ConnectionState> states = client.states();
    Health.Builder health = states.values().stream().anyMatch(ConnectionState::canSend) ? Health.up() : Health.down();
    states.forEach((connection, state) -> health.withDetail(connection, state.wire()));
    return health.build();
  }
}
