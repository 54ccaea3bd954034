package io.kodama.webhook;

import java.time.Instant;

/**
 * An event as stored: the JSON {@code payload} is exactly the body that is signed and sent.
 *
 * @param id {@code evt_…}, also the {@code webhook-id} header; stable across retries
 */
public record WebhookEvent(String id, String tenantId, String type, String verificationId, String payload,
    Instant createdAt) {}
