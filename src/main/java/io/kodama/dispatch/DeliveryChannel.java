package io.kodama.dispatch;

import java.time.Duration;
import java.util.Optional;

/**
 * A channel that can deliver a code (SMS, voice). Implementations live in their own modules and
 * are found as Spring beans; the dispatcher calls {@link #deliver} from a durable job.
 */
public interface DeliveryChannel {

  Channel channel();

  /**
   * Starts delivering the code. Returns once the delivery is handed over (SMS submitted, call
   * placed); later outcomes are reported through {@link AttemptUpdates}.
   *
   * @throws RetryableDeliveryException when the channel cannot take the delivery now (no
   *     connection, throttled); the job is retried later without sending twice
   */
  void deliver(DeliveryTask task);

  /**
   * How long an attempt of this channel can stay in flight (past {@code queued}, not final) while
   * the node that has it runs. Past it, that node is taken for gone (killed during a call) and the
   * attempt fails with reason {@code node_lost}. Empty: the channel ends its attempts itself on any
   * node (SMS: the receipt timeout).
   */
  default Optional<Duration> inFlightLimit() {
    return Optional.empty();
  }
}
