package io.kodama.simulator.smsc;

import java.time.Duration;

/**
 * How the SMSC simulator runs.
 *
 * @param port the TCP port on 127.0.0.1; 0 for any free port
 * @param systemId the system_id binds must use
 * @param password the password binds must use
 * @param receiptDelay how long after the submit_sm the receipt is sent
 * @param inboxLimit the most messages kept per number (older ones are dropped)
 */
public record SmscSimulatorSettings(
    int port, String systemId, String password, Duration receiptDelay, int inboxLimit) {

  public static SmscSimulatorSettings forTests() {
    return new SmscSimulatorSettings(0, "kodama", "secret", Duration.ofMillis(20), 100);
  }

  public SmscSimulatorSettings withReceiptDelay(Duration delay) {
    return new SmscSimulatorSettings(port, systemId, password, delay, inboxLimit);
  }

  @Override
  public String toString() {
    return "SmscSimulatorSettings[port=" + port + ", systemId=" + systemId + "]";
  }
}
