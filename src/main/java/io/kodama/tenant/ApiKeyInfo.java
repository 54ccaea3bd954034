package io.kodama.tenant;

import java.time.Instant;

/** An API key as listed: never the key itself. */
public record ApiKeyInfo(String id, String tenantId, String name, String prefix, Instant createdAt, Instant revokedAt) {}
