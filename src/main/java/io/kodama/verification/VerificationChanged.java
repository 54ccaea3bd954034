package io.kodama.verification;

import java.time.Instant;

/**
 * A verification was created or changed status ({@code verification.created}, {@code
 * verification.approved}, …). Published inside the transaction that made the change.
 *
 * @param type the event type, e.g. {@code verification.approved}
 */
public record VerificationChanged(String type, Verification verification, Instant at) {}
