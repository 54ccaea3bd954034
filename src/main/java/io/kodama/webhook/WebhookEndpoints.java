package io.kodama.webhook;

import io.kodama.system.ApiException;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's webhook endpoints: registration, secrets, test events, delivery log, redelivery. */
@Service
public class WebhookEndpoints {

  private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);
  private static final int MAX_URL = 2000;
  private static final int MAX_DESCRIPTION = 200;
  private static final int MAX_LOG_PAGE = 200;

  /** An endpoint with its secret in clear: answered once, at creation or rotation. */
  public record WithSecret(WebhookEndpoint endpoint, String secret) {
    @Override
    public String toString() {
      return "WithSecret[" + endpoint + "]";
    }
  }

  private final EndpointRepository endpoints;
  private final EventRepository events;
  private final DeliveryRepository deliveries;
  private final WebhookEvents webhookEvents;
  private final SecretBox secrets;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final Clock clock;

  WebhookEndpoints(EndpointRepository endpoints, EventRepository events, DeliveryRepository deliveries,
      WebhookEvents webhookEvents, SecretBox secrets, WebhookSender sender, WebhookSettings settings, Clock clock) {
    this.endpoints = endpoints;
    this.events = events;
    this.deliveries = deliveries;
    this.webhookEvents = webhookEvents;
    this.secrets = secrets;
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Registers an endpoint after checking its URL (http or https, resolving only to allowed
   * addresses).
   *
   * @param eventTypes the types wanted; null for every type
   * @param enabled null for enabled
   */
  @Transactional
  public WithSecret create(Tenant tenant, String url, List<String> eventTypes, Boolean enabled, String description) {
    String checkedUrl = checkUrl(url);
    List<String> types = checkTypes(eventTypes);
    String checkedDescription = checkDescription(description);
    if (endpoints.count(tenant.id()) >= settings.maxEndpoints()) {
      throw new ApiException(ProblemType.CONFLICT, "A tenant may have at most " + settings.maxEndpoints()
          + " webhook endpoints");
    }
    Instant now = clock.instant();
    String id = Ids.next("whe", clock);
    String secret = Signer.newSecret();
    WebhookEndpoint endpoint = new WebhookEndpoint(id, tenant.id(), checkedUrl, checkedDescription, types,
        enabled == null || enabled, null, null, now, now);
    endpoints.insert(endpoint, secrets.seal(id, secret));
    log.info("Webhook endpoint {} created for tenant {} ({})", id, tenant.id(), String.join(",", types));
    return new WithSecret(endpoint, secret);
  }

  public List<WebhookEndpoint> list(Tenant tenant) {
    return endpoints.list(tenant.id());
  }

  public WebhookEndpoint get(Tenant tenant, String id) {
    return load(tenant, id).endpoint();
  }

  /**
   * Changes an endpoint; null leaves a field as it is. Enabling clears the reason it was disabled;
   * an empty description removes it.
   */
  @Transactional
  public WebhookEndpoint update(Tenant tenant, String id, String url, List<String> eventTypes, Boolean enabled,
      String description) {
    WebhookEndpoint current = load(tenant, id).endpoint();
    String newUrl = url == null ? current.url() : checkUrl(url);
    List<String> types = eventTypes == null ? current.eventTypes() : checkTypes(eventTypes);
    String newDescription = description == null ? current.description() : checkDescription(description);
    boolean newEnabled = enabled == null ? current.enabled() : enabled;
    String reason = newEnabled ? null : (enabled == null ? current.disabledReason() : null);
    WebhookEndpoint updated = new WebhookEndpoint(id, tenant.id(), newUrl, newDescription, types, newEnabled, reason,
        current.previousSecretUntil(), current.createdAt(), clock.instant());
    endpoints.update(updated);
    return updated;
  }

  /** Deletes an endpoint; its pending deliveries end without sending. */
  @Transactional
  public void delete(Tenant tenant, String id) {
    if (!endpoints.delete(tenant.id(), id)) {
      throw ApiException.notFound("webhook endpoint", id);
    }
    log.info("Webhook endpoint {} deleted", id);
  }

  /**
   * Gives the endpoint a new secret. The previous one keeps signing (both signatures in the header)
   * for the configured overlap, so receivers can switch without losing a webhook.
   */
  @Transactional
  public WithSecret rotateSecret(Tenant tenant, String id) {
    EndpointRepository.Row row = load(tenant, id);
    Instant now = clock.instant();
    String secret = Signer.newSecret();
    Instant until = now.plus(settings.secretOverlap());
    endpoints.rotate(id, secrets.seal(id, secret), row.secretSealed(), until, now);
    log.info("Webhook endpoint {} secret rotated; the previous one signs until {}", id, until);
    return new WithSecret(load(tenant, id).endpoint(), secret);
  }

  /** Sends a {@code webhook.test} event to this endpoint only; returns its event id. */
  @Transactional
  public String sendTest(Tenant tenant, String id) {
    WebhookEndpoint endpoint = requireEnabled(load(tenant, id).endpoint());
    return webhookEvents.append(tenant.id(), EventTypes.WEBHOOK_TEST, null, null, null,
        Map.of("endpointId", endpoint.id(), "message", "A test event from Kodama"), clock.instant(), endpoint);
  }

  /** Delivers a stored event to this endpoint again, as a new delivery with its own retries. */
  @Transactional
  public void redeliver(Tenant tenant, String id, String eventId) {
    WebhookEndpoint endpoint = requireEnabled(load(tenant, id).endpoint());
    WebhookEvent event = events.find(tenant.id(), eventId).orElseThrow(() -> ApiException.notFound("event", eventId));
    webhookEvents.redeliver(event, endpoint);
    log.info("Webhook {} redelivery to endpoint {} requested", eventId, id);
  }

  /** The endpoint's delivery attempts, latest first; {@code before} pages back. */
  public List<DeliveryRecord> deliveries(Tenant tenant, String id, String before, int limit) {
    load(tenant, id);
    if (limit < 1 || limit > MAX_LOG_PAGE) {
      throw new ApiException(ProblemType.VALIDATION, "limit must be 1 to " + MAX_LOG_PAGE).with("field", "limit");
    }
    return deliveries.forEndpoint(tenant.id(), id, before, limit);
  }

  private EndpointRepository.Row load(Tenant tenant, String id) {
    return endpoints.find(tenant.id(), id).orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
  }

  private static WebhookEndpoint requireEnabled(WebhookEndpoint endpoint) {
    if (!endpoint.enabled()) {
      throw new ApiException(ProblemType.WEBHOOK_ENDPOINT_DISABLED, "The webhook endpoint is disabled"
          + (endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")") + "; enable it first")
          .with("disabledReason", endpoint.disabledReason());
    }
    return endpoint;
  }

  private String checkUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new ApiException(ProblemType.VALIDATION, "url is required").with("field", "url");
    }
    if (url.length() > MAX_URL) {
      throw new ApiException(ProblemType.VALIDATION, "url must be at most " + MAX_URL + " characters")
          .with("field", "url");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ApiException(ProblemType.VALIDATION, "url is not a valid URL").with("field", "url");
    }
    String problem = WebhookSender.formProblem(uri);
    if (problem != null) {
      throw new ApiException(ProblemType.VALIDATION, problem).with("field", "url");
    }
    try {
      sender.addresses(uri);
    } catch (WebhookSender.RefusedException e) {
      throw new ApiException(ProblemType.WEBHOOK_URL_REFUSED, "Kodama does not send webhooks there: " + e.getMessage())
          .with("field", "url");
    }
    return uri.toString();
  }

  private static List<String> checkTypes(List<String> eventTypes) {
    if (eventTypes == null) {
      return List.of(WebhookEndpoint.ALL_TYPES);
    }
    if (eventTypes.isEmpty()) {
      throw new ApiException(ProblemType.VALIDATION, "eventTypes must not be empty; leave it out for every type")
          .with("field", "eventTypes");
    }
    LinkedHashSet<String> types = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String type : eventTypes) {
      if (WebhookEndpoint.ALL_TYPES.equals(type)) {
        return List.of(WebhookEndpoint.ALL_TYPES);
      }
      if (type == null || !EventTypes.isKnown(type) || EventTypes.WEBHOOK_TEST.equals(type)) {
        unknown.add(String.valueOf(type));
      } else {
        types.add(type);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(ProblemType.VALIDATION, "Unknown event types: " + String.join(", ", unknown))
          .with("field", "eventTypes").with("knownTypes",
              EventTypes.ALL.stream().filter(t -> !t.equals(EventTypes.WEBHOOK_TEST)).toList());
    }
    return List.copyOf(types);
  }

  private static String checkDescription(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new ApiException(ProblemType.VALIDATION, "description must be at most " + MAX_DESCRIPTION + " characters")
          .with("field", "description");
    }
    return description.trim();
  }
}
