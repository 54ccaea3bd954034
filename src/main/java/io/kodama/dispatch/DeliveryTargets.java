package io.kodama.dispatch;

import java.util.Optional;

/**
 * Where the dispatcher gets what to deliver when a job runs. Implemented by the verification module.
 */
public interface DeliveryTargets {

  /**
   * The delivery for an attempt of a verification, with the code in clear; empty when the
   * verification is no longer pending (approved, canceled, expired…), so nothing is sent after the
   * code was used.
   */
  Optional<DeliveryTask> task(String verificationId, String attemptId, Channel channel);
}
