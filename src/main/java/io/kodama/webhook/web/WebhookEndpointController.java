package io.kodama.webhook.web;

import io.kodama.tenant.Tenant;
import io.kodama.webhook.DeliveryRecord;
import io.kodama.webhook.WebhookEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's webhook endpoints, authenticated by its API key. */
@RestController
@RequestMapping(path = "/v1/webhook-endpoints", produces = "application/json")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "apiKey")
class WebhookEndpointController {

  private final WebhookEndpoints endpoints;

  WebhookEndpointController(WebhookEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  record CreateRequest(
      @NotBlank @Size(max = 2000) String url,
      @Size(min = 1, max = 20) List<@NotBlank @Size(max = 40) String> eventTypes,
      Boolean enabled,
      @Size(max = 200) String description) {}

  record UpdateRequest(
      @Size(min = 1, max = 2000) String url,
      @Size(min = 1, max = 20) List<@NotBlank @Size(max = 40) String> eventTypes,
      Boolean enabled,
      @Size(max = 200) String description) {}

  record RedeliverRequest(@NotBlank @Size(max = 40) String eventId) {}

  record DeliveryPage(List<DeliveryRecord> data) {}

  record EndpointPage(List<EndpointResponse> data) {}

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a webhook endpoint", description = "Answers the signing secret (whsec_…) once."
      + " eventTypes left out means every type. The URL must be http(s) and must not resolve to a loopback, private,"
      + " link-local, CGNAT, multicast or metadata address unless the operator allows it.")
  EndpointResponse create(Tenant tenant, @Valid @RequestBody CreateRequest body) {
    WebhookEndpoints.WithSecret created = endpoints.create(tenant, body.url(), body.eventTypes(), body.enabled(),
        body.description());
    return EndpointResponse.of(created.endpoint(), created.secret());
  }

  @GetMapping
  @Operation(summary = "List webhook endpoints")
  EndpointPage list(Tenant tenant) {
    return new EndpointPage(endpoints.list(tenant).stream().map(e -> EndpointResponse.of(e, null)).toList());
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a webhook endpoint (without its secret)")
  EndpointResponse get(Tenant tenant, @PathVariable String id) {
    return EndpointResponse.of(endpoints.get(tenant, id), null);
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  @Operation(summary = "Change url, eventTypes, enabled or description", description = "Fields left out stay as"
      + " they are. Enabling an endpoint that Kodama disabled (HTTP 410) clears disabledReason.")
  EndpointResponse update(Tenant tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    return EndpointResponse.of(endpoints.update(tenant, id, body.url(), body.eventTypes(), body.enabled(),
        body.description()), null);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a webhook endpoint")
  void delete(Tenant tenant, @PathVariable String id) {
    endpoints.delete(tenant, id);
  }

  @PostMapping("/{id}/rotate-secret")
  @Operation(summary = "Rotate the signing secret", description = "Answers the new secret once. The previous one"
      + " keeps signing until previousSecretExpiresAt: webhooks then carry two signatures.")
  EndpointResponse rotate(Tenant tenant, @PathVariable String id) {
    WebhookEndpoints.WithSecret rotated = endpoints.rotateSecret(tenant, id);
    return EndpointResponse.of(rotated.endpoint(), rotated.secret());
  }

  @PostMapping("/{id}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a webhook.test event to this endpoint")
  Map<String, String> test(Tenant tenant, @PathVariable String id) {
    return Map.of("eventId", endpoints.sendTest(tenant, id));
  }

  @GetMapping("/{id}/deliveries")
  @Operation(summary = "The endpoint's delivery log, latest first", description = "Each attempt with its outcome,"
      + " HTTP status, latency and error. Page back with before=<id of the last row>.")
  DeliveryPage deliveries(Tenant tenant, @PathVariable String id,
      @RequestParam(required = false) @Size(max = 40) String before,
      @RequestParam(defaultValue = "50") int limit) {
    return new DeliveryPage(endpoints.deliveries(tenant, id, before, limit));
  }

  @PostMapping(path = "/{id}/redeliver", consumes = "application/json")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Deliver a stored event to this endpoint again", description = "A new delivery with the same"
      + " event id (webhook-id) and its own retries.")
  Map<String, String> redeliver(Tenant tenant, @PathVariable String id, @Valid @RequestBody RedeliverRequest body) {
    endpoints.redeliver(tenant, id, body.eventId());
    return Map.of("eventId", body.eventId(), "endpointId", id);
  }
}
