package io.kodama.verification.web;

import io.kodama.dispatch.Attempt;
import io.kodama.phone.MaskedNumber;
import io.kodama.verification.TransactionDetails;
import io.kodama.verification.Verification;
import io.kodama.verification.Verifications;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A verification as the API shows it: the number masked, never the code. */
record VerificationResponse(
    String id, String status, String statusReason, String to, String lineType, String channel, String locale,
    String purpose, String externalRef, Instant createdAt, Instant expiresAt, int sends, List<AttemptResponse> attempts,
    TransactionDetails transaction) {

  record AttemptResponse(
      String id, String channel, String status, String reason, Map<String, Object> detail, Instant createdAt,
      Instant updatedAt) {}

  static VerificationResponse of(Verifications.Snapshot snapshot) {
    Verification v = snapshot.verification();
    List<AttemptResponse> attempts = snapshot.attempts().stream().map(VerificationResponse::attempt).toList();
    return new VerificationResponse(v.id(), v.status(), v.statusReason(), MaskedNumber.of(v.to()), v.lineType(),
        v.channel(), v.locale(), v.purpose(), v.externalRef(), v.createdAt(), v.expiresAt(), v.sends(), attempts,
        snapshot.transaction());
  }

  private static AttemptResponse attempt(Attempt a) {
    return new AttemptResponse(a.id(), a.channel().wire(), a.status(), a.reason(), a.detail(), a.createdAt(),
        a.updatedAt());
  }
}
