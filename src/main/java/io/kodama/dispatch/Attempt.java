package io.kodama.dispatch;

import java.time.Instant;
import java.util.Map;

/** One delivery of a verification's code over one channel, and what became of it. */
public record Attempt(
    String id, String verificationId, Channel channel, String status, String reason, Map<String, Object> detail,
    Instant createdAt, Instant updatedAt) {

  public Attempt {
    detail = Map.copyOf(detail);
  }

  public boolean isFinal() {
    return AttemptStatuses.isFinal(status);
  }
}
