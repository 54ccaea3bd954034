package io.kodama.webhook;

import io.kodama.system.Ids;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one delivery attempt: signs the stored payload with the endpoint's valid secrets, POSTs it,
 * records the attempt, and decides what comes next (done, retry at a time, or give up). Logs name
 * the endpoint and event ids, never the URL (which may carry a token) or a secret.
 */
@Component
final class WebhookDeliverer {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

  private final EventRepository events;
  private final EndpointRepository endpoints;
  private final DeliveryRepository deliveries;
  private final SecretBox secrets;
  private final WebhookSender sender;
  private final RetryPolicy retries;
  private final Clock clock;

  WebhookDeliverer(EventRepository events, EndpointRepository endpoints, DeliveryRepository deliveries,
      SecretBox secrets, WebhookSender sender, RetryPolicy retries, Clock clock) {
    this.events = events;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.sender = sender;
    this.retries = retries;
    this.clock = clock;
  }

  /** Delivers; returns when to try again, or empty when this delivery is over. */
  Optional<Instant> deliver(WebhookDeliveryJob.Data job) {
    Optional<WebhookEvent> event = events.find(job.eventId());
    Optional<EndpointRepository.Row> row = endpoints.findForDelivery(job.endpointId());
    if (event.isEmpty() || row.isEmpty()) {
      log.debug("Webhook {} to {} dropped: event or endpoint deleted", job.eventId(), job.endpointId());
      return Optional.empty();
    }
    WebhookEndpoint endpoint = row.get().endpoint();
    if (!endpoint.enabled()) {
      record(job, event.get(), endpoint, DeliveryRecord.SKIPPED, null, null, "endpoint disabled", clock.instant());
      return Optional.empty();
    }
    Instant now = clock.instant();
    long timestamp = now.getEpochSecond();
    byte[] body = event.get().payload().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", event.get().id());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature",
        Signer.header(row.get().signingSecrets(secrets, now), event.get().id(), timestamp, body));

    WebhookSender.Outcome outcome = sender.post(URI.create(endpoint.url()), headers, body);
    Instant done = clock.instant();
    if (outcome.delivered()) {
      record(job, event.get(), endpoint, DeliveryRecord.SUCCEEDED, outcome, null, null, done);
      log.debug("Webhook {} {} delivered to {} (HTTP {}, {} ms, attempt {})", event.get().id(), event.get().type(),
          endpoint.id(), outcome.status(), outcome.latencyMs(), job.attempt());
      return Optional.empty();
    }
    if (outcome.status() == 410) {
      endpoints.disable(endpoint.id(), "gone", done);
      record(job, event.get(), endpoint, DeliveryRecord.DISABLED, outcome, null, "HTTP 410: endpoint disabled", done);
      log.info("Webhook endpoint {} answered 410 Gone and was disabled", endpoint.id());
      return Optional.empty();
    }
    Optional<Duration> wait = retries.next(job.attempt(), outcome.retryAfter());
    if (wait.isEmpty()) {
      record(job, event.get(), endpoint, DeliveryRecord.FAILED, outcome, null, outcome.error(), done);
      log.warn("Webhook {} to endpoint {} given up after {} attempts: {}", event.get().id(), endpoint.id(),
          job.attempt(), outcome.error());
      return Optional.empty();
    }
    Instant retryAt = done.plus(wait.get());
    record(job, event.get(), endpoint, DeliveryRecord.RETRYING, outcome, retryAt, outcome.error(), done);
    log.info("Webhook {} to endpoint {} failed (attempt {}: {}); next try in {} s", event.get().id(), endpoint.id(),
        job.attempt(), outcome.error(), wait.get().toSeconds());
    return Optional.of(retryAt);
  }

  private void record(WebhookDeliveryJob.Data job, WebhookEvent event, WebhookEndpoint endpoint, String outcomeName,
      WebhookSender.Outcome outcome, Instant nextAttemptAt, String error, Instant at) {
    Integer status = outcome == null || outcome.status() == 0 ? null : outcome.status();
    Long latency = outcome == null ? null : outcome.latencyMs();
    String text = error != null && error.length() > 500 ? error.substring(0, 500) : error;
    deliveries.insert(new DeliveryRecord(Ids.next("wdl", clock), endpoint.id(), event.id(), event.type(), job.attempt(),
        outcomeName, status, latency, text, nextAttemptAt, at), endpoint.tenantId());
  }
}
