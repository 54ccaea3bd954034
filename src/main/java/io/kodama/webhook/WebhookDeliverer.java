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
 * describes the attempt for the delivery log, and decides what comes next (done, retry at a time,
 * or give up). Logs name the endpoint and event ids, never the URL (which may carry a token) or a
 * secret.
 */
@Component
final class WebhookDeliverer {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);

  private final EventRepository events;
  private final EndpointRepository endpoints;
  private final SecretBox secrets;
  private final WebhookSender sender;
  private final RetryPolicy retries;
  private final Clock clock;

  WebhookDeliverer(EventRepository events, EndpointRepository endpoints, SecretBox secrets, WebhookSender sender,
      RetryPolicy retries, Clock clock) {
    this.events = events;
    this.endpoints = endpoints;
    this.secrets = secrets;
    this.sender = sender;
    this.retries = retries;
    this.clock = clock;
  }

  /**
   * What one try came to: the log row to write ({@code null} when the event or endpoint is gone),
   * and when to try again ({@code null} when this delivery is over).
   */
  record Tried(DeliveryRecord log, String tenantId, Instant retryAt) {}

  /** Makes one try; the caller writes its log row and completes the job in one transaction. */
  Tried deliver(WebhookDeliveryJob.Data job) {
    Optional<EndpointRepository.Row> row = endpoints.findForDelivery(job.endpointId());
    Optional<Stored> event = job.payload() != null
        ? Optional.of(new Stored(job.eventId(), job.type(), job.payload()))
        : events.find(job.eventId()).map(e -> new Stored(e.id(), e.type(), e.payload()));
    if (event.isEmpty() || row.isEmpty()) {
      log.debug("Webhook {} to {} dropped: event or endpoint deleted", job.eventId(), job.endpointId());
      return new Tried(null, null, null);
    }
    WebhookEndpoint endpoint = row.get().endpoint();
    if (!endpoint.enabled()) {
      return tried(job, event.get(), endpoint, DeliveryRecord.SKIPPED, null, null, "endpoint disabled", clock.instant());
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
      log.debug("Webhook {} {} delivered to {} (HTTP {}, {} ms, attempt {})", event.get().id(), event.get().type(),
          endpoint.id(), outcome.status(), outcome.latencyMs(), job.attempt());
      return tried(job, event.get(), endpoint, DeliveryRecord.SUCCEEDED, outcome, null, null, done);
    }
    if (outcome.status() == 410) {
      endpoints.disable(endpoint.id(), "gone", done);
      log.info("Webhook endpoint {} answered 410 Gone and was disabled", endpoint.id());
      return tried(job, event.get(), endpoint, DeliveryRecord.DISABLED, outcome, null, "HTTP 410: endpoint disabled",
          done);
    }
    Optional<Duration> wait = retries.next(job.attempt(), outcome.retryAfter());
    if (wait.isEmpty()) {
      log.warn("Webhook {} to endpoint {} given up after {} attempts: {}", event.get().id(), endpoint.id(),
          job.attempt(), outcome.error());
      return tried(job, event.get(), endpoint, DeliveryRecord.FAILED, outcome, null, outcome.error(), done);
    }
    Instant retryAt = done.plus(wait.get());
    log.info("Webhook {} to endpoint {} failed (attempt {}: {}); next try in {} s", event.get().id(), endpoint.id(),
        job.attempt(), outcome.error(), wait.get().toSeconds());
    return tried(job, event.get(), endpoint, DeliveryRecord.RETRYING, outcome, retryAt, outcome.error(), done);
  }

  /** The parts of an event a delivery needs. */
  private record Stored(String id, String type, String payload) {}

  private Tried tried(WebhookDeliveryJob.Data job, Stored event, WebhookEndpoint endpoint, String outcomeName,
      WebhookSender.Outcome outcome, Instant nextAttemptAt, String error, Instant at) {
    Integer status = outcome == null || outcome.status() == 0 ? null : outcome.status();
    Long latency = outcome == null ? null : outcome.latencyMs();
    String text = error != null && error.length() > 500 ? error.substring(0, 500) : error;
    return new Tried(new DeliveryRecord(Ids.next("wdl", clock), endpoint.id(), event.id(), event.type(), job.attempt(),
        outcomeName, status, latency, text, nextAttemptAt, at), endpoint.tenantId(), nextAttemptAt);
  }
}
