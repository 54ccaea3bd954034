package io.kodama.dispatch;

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
}
