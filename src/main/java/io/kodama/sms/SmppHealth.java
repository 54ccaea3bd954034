package io.kodama.sms;

import io.kodama.sms.smpp.SmppClient;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code smpp} in {@code /actuator/health}: up while every SMPP connection is bound, down while
 * none can send. A connection that sends but whose separate receiver is not bound (no receipts) or
 * a second connection that is down leaves it up, with the state of each connection in its details.
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
    Map<String, String> states = client.states();
    boolean anySends = states.values().stream().anyMatch(state -> !"unbound".equals(state));
    return (anySends ? Health.up() : Health.down()).withDetails(Map.copyOf(states)).build();
  }
}
