package io.kodama.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's webhook endpoint, without its secret.
 *
 * @param eventTypes the types it receives; {@code ["*"]} for every type
 * @param disabledReason why Kodama disabled it ({@code gone} after an HTTP 410), or null
 * @param previousSecretUntil after a rotation, until when the previous secret also signs; else null
 */
public record WebhookEndpoint(
    String id, String tenantId, String url, String description, List<String> eventTypes, boolean enabled,
    String disabledReason, Instant previousSecretUntil, Instant createdAt, Instant updatedAt) {

  public static final String ALL_TYPES = "*";

  public WebhookEndpoint {
    eventTypes = List.copyOf(eventTypes);
  }

  /** Whether it receives events of this type ({@code webhook.test} only when sent to it). */
  public boolean wants(String type) {
    return !EventTypes.WEBHOOK_TEST.equals(type) && (eventTypes.contains(ALL_TYPES) || eventTypes.contains(type));
  }

  @Override
  public String toString() {
    return "WebhookEndpoint[id=" + id + ", enabled=" + enabled + "]";
  }
}
