package io.kodama.protection;

import java.time.Instant;

/**
 * A number bound to one member of a tenant after an approved signup.
 *
 * @param to the number masked, or null when the tenant keeps numbers as keyed hashes only
 * @param externalRef the member, as the tenant named it in the signup verification
 */
public record PhoneBinding(String id, String to, String externalRef, String verificationId, Instant createdAt) {}
