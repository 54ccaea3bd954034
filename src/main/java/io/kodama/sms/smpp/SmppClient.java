package io.kodama.sms.smpp;

import io.kodama.sms.SmsProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Kodama's SMPP client: every configured connection, kept bound, with submits spread over the
 * bound ones. The only way into jSMPP from outside this package.
 */
public final class SmppClient implements AutoCloseable {

  private final List<SmppConnection> connections;
  private final AtomicInteger next = new AtomicInteger();

  public SmppClient(List<SmsProperties.Connection> settings, ReceiptSink sink) {
    if (settings.isEmpty()) {
      throw new IllegalArgumentException("kodama.sms.connections: no SMPP connection configured");
    }
    this.connections = settings.stream().map(s -> new SmppConnection(s, sink)).toList();
  }

  /** Starts binding every connection in the background. */
  public void start() {
    connections.forEach(SmppConnection::start);
  }

  /** Whether every session of every connection is bound now. */
  public boolean isFullyBound() {
    return connections.stream().allMatch(SmppConnection::isFullyBound);
  }

  /** What a connection can do now. */
  public enum ConnectionState {
    /** Every session bound. */
    BOUND("bound"),
    /** The transmitter bound, its separate receiver not: it sends, its receipts wait. */
    RECEIVING_UNBOUND("receiving-unbound"),
    /** No session to send on. */
    UNBOUND("unbound");

    private final String wire;

    ConnectionState(String wire) {
      this.wire = wire;
    }

    /** As shown in health details, e.g. {@code receiving-unbound}. */
    public String wire() {
      return wire;
    }

    public boolean canSend() {
      return this != UNBOUND;
    }
  }

  /** Each connection's state, by connection name, in configuration order. */
  public Map<String, ConnectionState> states() {
    Map<String, ConnectionState> states = new LinkedHashMap<>();
    for (SmppConnection c : connections) {
      states.put(c.name(), c.isFullyBound() ? ConnectionState.BOUND
          : c.isBound() ? ConnectionState.RECEIVING_UNBOUND : ConnectionState.UNBOUND);
    }
    return states;
  }

  /** Waits until every session of every connection is bound; false when the time ran out. */
  public boolean awaitFullyBound(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isFullyBound()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * Submits an SMS on a bound connection (round robin), waiting at most {@code wait} for one and
   * for a free place in its window. {@code claim} is asked once, with a session, a window place and
   * the rate cap's permission in hand, right before the first part is written: false means the SMS
   * was handed over before, and nothing is sent ({@link SubmitOutcome.HandedOverBefore}). An SMS
   * still waiting for any of these when the process dies was therefore never claimed.
   */
  public SubmitOutcome submit(OutboundSms sms, Duration wait, BooleanSupplier claim)
      throws InterruptedException {
    int start = Math.floorMod(next.getAndIncrement(), connections.size());
    for (int i = 0; i < connections.size(); i++) {
      SmppConnection c = connections.get((start + i) % connections.size());
      if (c.isBound()) {
        return c.submit(sms, wait, claim);
      }
    }
    // none bound now: wait on the first choice, it rebinds by itself
    return connections.get(start).submit(sms, wait, claim);
  }

  @Override
  public void close() {
    connections.forEach(SmppConnection::close);
  }
}
