package io.kodama.verification;

/**
 * What never changes about a verification: its tenant, number, channel mode and the client's
 * reference. Events and the delivery workflow need these at each step; see {@link
 * Verifications#facts}.
 */
public record VerificationFacts(String id, String tenantId, String to, String channel, String externalRef) {

  static VerificationFacts of(Verification v) {
    return new VerificationFacts(v.id(), v.tenantId(), v.to(), v.channel(), v.externalRef());
  }
}
