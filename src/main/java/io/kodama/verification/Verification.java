package io.kodama.verification;

import java.time.Instant;

/**
 * A verification as stored, without its code.
 *
 * @param status {@code pending}, {@code approved}, {@code expired}, {@code failed} or {@code canceled}
 * @param statusReason why it left {@code pending}, e.g. {@code superseded}, {@code too_many_checks}
 * @param channel the channel mode asked for: {@code auto}, {@code sms} or {@code voice}
 */
public record Verification(
    String id, String tenantId, String to, String country, String lineType, String channel, String locale,
    String purpose, String externalRef, String status, String statusReason, int codeLength, int checksUsed, int sends,
    Instant lastSendAt, Instant createdAt, Instant updatedAt, Instant expiresAt) {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String EXPIRED = "expired";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  public boolean isPending() {
    return PENDING.equals(status);
  }

  /** This verification as closing it with {@code status} at {@code at} leaves it. */
  Verification closed(String newStatus, String reason, Instant at) {
    return new Verification(id, tenantId, to, country, lineType, channel, locale, purpose, externalRef, newStatus,
        reason, codeLength, checksUsed, sends, lastSendAt, createdAt, at, expiresAt);
  }

  @Override
  public String toString() {
    return "Verification[id=" + id + ", status=" + status + "]";
  }
}
