package io.kodama.protection;

import java.time.Instant;

/**
 * A number became unreachable (repeated non-delivery on SMS and on voice) or reachable again (a
 * delivery got through). Published inside the transaction that recorded the delivery outcome.
 *
 * @param type {@code number.unreachable} or {@code number.reachable}
 * @param to the number, masked ({@code +81 90-****-5678})
 * @param verificationId the verification whose delivery outcome changed it
 */
public record NumberReachabilityChanged(String type, String tenantId, String to, String verificationId, Instant at) {

  public static final String UNREACHABLE = "number.unreachable";
  public static final String REACHABLE = "number.reachable";
}
