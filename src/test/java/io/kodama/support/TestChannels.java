package io.kodama.support;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.DeliveryChannel;
import io.kodama.dispatch.DeliveryTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Test-only channels that record what they were asked to deliver and report success. They stand in
 * for SMS and voice in tests of the core. For tenants made by {@link Fixtures#e2eTenant} they hand
 * the delivery to the real channel (SMPP to the SMSC simulator, SIP to the simulated phone), so
 * end-to-end tests share the same application context.
 */
public final class TestChannels {

  private final List<DeliveryTask> delivered = new CopyOnWriteArrayList<>();
  private final Map<String, String> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
  /** Tenants whose id starts with this get the real channels (SMPP, SIP) and the simulators. */
  public static final String REAL_CHANNELS_TENANT_PREFIX = "ten_e2e_";

  private final AttemptUpdates updates;
  private final ObjectProvider<DeliveryChannel> allChannels;

  TestChannels(AttemptUpdates updates, ObjectProvider<DeliveryChannel> allChannels) {
    this.updates = updates;
    this.allChannels = allChannels;
  }

  private Optional<DeliveryChannel> realIfAny(Channel channel) {
    return allChannels.orderedStream().filter(c -> c.channel() == channel && !(c instanceof TestChannel)).findFirst();
  }

  private DeliveryChannel real(Channel channel) {
    return realIfAny(channel)
        .orElseThrow(() -> new IllegalStateException("No real " + channel.wire() + " channel in the test context"));
  }

  /** Marks the test channels, so the real ones can be told apart. */
  interface TestChannel extends DeliveryChannel {}

  DeliveryChannel channel(Channel channel) {
    return new TestChannel() {
      @Override
      public Channel channel() {
        return channel;
      }

      @Override
      public Optional<Duration> inFlightLimit() {
        return realIfAny(channel).flatMap(DeliveryChannel::inFlightLimit); // the real one's, for its tests
      }

      @Override
      public void deliver(DeliveryTask task) {
        if (task.tenantId().startsWith(REAL_CHANNELS_TENANT_PREFIX)) {
          delivered.add(task);
          real(channel).deliver(task);
          return;
        }
        String outcome = outcomes.getOrDefault(channel.wire() + task.to(), channel == Channel.SMS ? "delivered" : "completed");
        if ("database-busy-once".equals(outcome)) {
          outcomes.remove(channel.wire() + task.to());
          throw new CannotGetJdbcConnectionException("Connection is not available (test)");
        }
        if ("unreported".equals(outcome)) {
          // taken, and its node died before the first report
        } else if ("silent".equals(outcome)) {
          updates.record(task.attemptId(), channel == Channel.SMS ? "submitted" : "calling", null, Map.of("test", true));
        } else {
          updates.record(task.attemptId(), outcome, "delivered".equals(outcome) || "completed".equals(outcome) ? null
              : "test_" + outcome, Map.of("test", true));
        }
        // listed only once its outcome is recorded, so a test that saw the delivery sees the outcome too
        delivered.add(task);
      }
    };
  }

  /**
   * What the channel reports for a number from now on: a final status such as {@code undelivered}
   * or {@code busy}, {@code silent} for a submitted SMS (or a ringing call) that never gets an
   * outcome, {@code unreported} for a delivery taken without any report (its node died), or {@code database-busy-once}: the next delivery finds no free database connection,
   * the one after it is delivered.
   */
  public void outcome(Channel channel, String e164, String status) {
    outcomes.put(channel.wire() + e164, status);
  }

  public List<DeliveryTask> allFor(String verificationId) {
    return delivered.stream().filter(t -> t.verificationId().equals(verificationId)).toList();
  }

  /** The last delivery for a verification, waiting for the durable job to run it. */
  public DeliveryTask lastFor(String verificationId) {
    List<DeliveryTask> all = Await.until("a delivery for " + verificationId, Duration.ofSeconds(20),
        () -> allFor(verificationId), list -> !list.isEmpty());
    return all.get(all.size() - 1);
  }

  public long countFor(String verificationId) {
    return delivered.stream().filter(t -> t.verificationId().equals(verificationId)).count();
  }
}
