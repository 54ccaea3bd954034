package io.kodama.dispatch;

import java.time.Instant;
import java.util.Map;

/**
 * An attempt was created or changed status. Published inside the transaction that made the change,
 * so listeners that write (webhook outbox, fallback workflow) commit or roll back with it.
 */
public record AttemptChanged(
    String attemptId, String verificationId, String tenantId, Channel channel, String status, String reason,
    Map<String, Object> detail, Instant at) {

  public AttemptChanged {
    detail = Map.copyOf(detail);
  }
}
