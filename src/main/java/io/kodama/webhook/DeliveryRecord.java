package io.kodama.webhook;

import java.time.Instant;

/**
 * One attempt to deliver an event to an endpoint.
 *
 * @param attempt 1 for the first try of a delivery (a manual redelivery starts again at 1)
 * @param outcome {@code succeeded}, {@code retrying}, {@code failed} (gave up), {@code disabled}
 *     (the receiver answered 410 and the endpoint was disabled) or {@code skipped} (the endpoint was
 *     disabled before this attempt)
 * @param statusCode the HTTP status, or null when no response arrived
 * @param error what went wrong, without response bodies
 * @param nextAttemptAt when the next try is due, for {@code retrying}
 */
public record DeliveryRecord(
    String id, String endpointId, String eventId, String eventType, int attempt, String outcome, Integer statusCode,
    Long latencyMs, String error, Instant nextAttemptAt, Instant createdAt) {

  public static final String SUCCEEDED = "succeeded";
  public static final String RETRYING = "retrying";
  public static final String FAILED = "failed";
  public static final String DISABLED = "disabled";
  public static final String SKIPPED = "skipped";
}
