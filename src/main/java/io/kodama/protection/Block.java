package io.kodama.protection;

import java.time.Instant;

/** A destination blocked by the SMS-pumping guard, as operators list it. */
public record Block(
    String id, String tenantId, String scope, String destination, String country, String reason, int sends,
    int approvals, Instant createdAt, Instant until, Instant liftedAt, boolean active) {}
