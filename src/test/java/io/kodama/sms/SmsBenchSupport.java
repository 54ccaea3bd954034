package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.DeliveryChannel;
import io.kodama.sms.smpp.SmppClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds the SMS channel by hand for the benchmark (io.kodama.sms.bench). */
public final class SmsBenchSupport implements AutoCloseable {

  private final SmppClient client;
  private final DeliveryChannel channel;

  public SmsBenchSupport(int port, String systemId, String password, int window, AttemptUpdates updates)
      throws InterruptedException {
    TestDatabase db = new TestDatabase();
    SmsMessageStore store = new SmsMessageStore(db.dataSource);
    DeliveryReceipts receipts =
        new DeliveryReceipts(store, updates, db.tx, Clock.systemUTC(), new SimpleMeterRegistry());
    SmsProperties properties = new SmsProperties(
        List.of(SmsProperties.Connection.of("127.0.0.1", port, systemId, password).withWindow(window, 0)),
        Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    client = new SmppClient(properties.connections(), receipts);
    client.start();
    if (!client.awaitFullyBound(Duration.ofSeconds(20))) {
      throw new IllegalStateException("not bound");
    }
    channel = new SmppSmsChannel(client, store, receipts, updates, db.tx, Clock.systemUTC(), properties);
  }

  public DeliveryChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    client.close();
  }
}
