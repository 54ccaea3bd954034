package io.kodama.sms;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.dispatch.RetryableDeliveryException;
import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.simulator.smsc.SmscSimulatorSettings;
import io.kodama.sms.smpp.SmppClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** A simulator and a channel wired by hand over real SMPP on loopback, as the application does. */
final class SmsTestRig implements AutoCloseable {

  final MutableClock clock = new MutableClock(Instant.parse("2025-04-01T03:00:00Z"));
  final TestDatabase db = new TestDatabase();
  final RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  volatile SmscSimulator simulator;
  final SmsMessageStore store;
  final DeliveryReceipts receipts;
  final ReceiptTimeouts timeouts;
  final SmppClient client;
  final SmppSmsChannel channel;

  SmsTestRig(UnaryOperator<SmsProperties.Connection> tune) throws Exception {
    simulator = new SmscSimulator(SmscSimulatorSettings.forTests(), java.time.Clock.systemUTC());
    simulator.start();
    store = new SmsMessageStore(db.dataSource);
    receipts = new DeliveryReceipts(store, updates, db.tx, clock, meters);
    timeouts = new ReceiptTimeouts(store, receipts, updates, db.tx, clock, Duration.ofSeconds(1));
    SmsProperties.Connection connection = tune.apply(
        SmsProperties.Connection.of("127.0.0.1", simulator.port(), "kodama", "secret")
            .withThrottle(4, Duration.ofMillis(10))
            .withTimings(Duration.ofSeconds(3), Duration.ofMillis(50), Duration.ofMillis(400)));
    SmsProperties properties =
        new SmsProperties(List.of(connection), Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    client = new SmppClient(properties.connections(), receipts);
    client.start();
    channel = new SmppSmsChannel(client, store, receipts, updates, db.tx, clock, properties);
    if (!client.awaitFullyBound(Duration.ofSeconds(20))) {
      throw new IllegalStateException("the SMPP client did not bind to the simulator");
    }
  }

  /** Starts a new simulator on the port of the one before, which must be closed. */
  void restartSimulator() throws IOException {
    SmscSimulatorSettings tests = SmscSimulatorSettings.forTests();
    simulator = new SmscSimulator(new SmscSimulatorSettings(simulator.port(), tests.systemId(), tests.password(),
        tests.receiptDelay(), tests.inboxLimit()), java.time.Clock.systemUTC());
    simulator.start();
  }

  static DeliveryTask task(String attemptId, String to, String locale) {
    return new DeliveryTask(attemptId, "vrf_" + attemptId, "ten_1", to, "482915", locale,
        "Kodama Bank", 5, "login", Map.of());
  }

  /** Delivers like the dispatcher's durable job: a retryable refusal is tried again later. */
  void deliverWithRetries(DeliveryTask task) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      try {
        channel.deliver(task);
        return;
      } catch (RetryableDeliveryException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("delivery still refused after 50 tries: " + task.attemptId());
  }

  /** Polls until the condition holds; fails after a generous deadline. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    client.close();
    simulator.close();
  }
}
