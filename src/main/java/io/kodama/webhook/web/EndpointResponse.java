package io.kodama.webhook.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kodama.webhook.WebhookEndpoint;
import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the API shows it. {@code secret} is present only in the answer to creation
 * and rotation; Kodama never shows it again.
 */
record EndpointResponse(
    String id, String url, String description, List<String> eventTypes, boolean enabled, String disabledReason,
    Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

  static EndpointResponse of(WebhookEndpoint e, String secret) {
    return new EndpointResponse(e.id(), e.url(), e.description(), e.eventTypes(), e.enabled(), e.disabledReason(),
        e.previousSecretUntil(), e.createdAt(), e.updatedAt(), secret);
  }

  @Override
  public String toString() {
    return "EndpointResponse[id=" + id + "]";
  }
}
