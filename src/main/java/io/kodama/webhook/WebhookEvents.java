package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.kodama.phone.MaskedNumber;
import io.kodama.system.ApiException;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import io.kodama.verification.VerificationFacts;
import io.kodama.verification.Verifications;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event outbox: each event is a row, plus one delivery job per endpoint that wants it, written
 * in the caller's transaction so they commit with the state change they announce.
 */
@Service
public class WebhookEvents {

  /** Keys of an event's {@code data} that Kodama fills itself. */
  private static final Set<String> RESERVED = Set.of("verificationId", "externalRef", "to");
  private static final int MAX_PAGE = 500;

  /** One page of events; {@code hasMore} says whether another page follows right now. */
  public record Page(List<WebhookEvent> events, boolean hasMore) {}

  private final EventRepository events;
  private final Verifications verifications;
  private final EndpointRepository endpoints;
  private final CustomTask<WebhookDeliveryJob.Data> deliveryTask;
  private final ObjectProvider<Scheduler> scheduler;
  private final JsonMapper json;
  private final Clock clock;
  private final WebhookSettings settings;

  WebhookEvents(EventRepository events, Verifications verifications, EndpointRepository endpoints,
      CustomTask<WebhookDeliveryJob.Data> deliveryTask, ObjectProvider<Scheduler> scheduler, JsonMapper json,
      Clock clock, WebhookSettings settings) {
    this.events = events;
    this.verifications = verifications;
    this.endpoints = endpoints;
    this.deliveryTask = deliveryTask;
    this.scheduler = scheduler;
    this.json = json;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Publishes an event about a verification, e.g. {@code fallback.started}, inside the caller's
   * transaction. The payload is {@code {id, type, timestamp, data}} where {@code data} holds {@code
   * verificationId}, the tenant's {@code externalRef}, the masked number {@code to}, and the given
   * entries (e.g. {@code reason}, {@code attempt}). Never pass a code.
   *
   * @param data more entries of {@code data}; must not use {@code verificationId}, {@code externalRef} or {@code to}
   * @return the event id ({@code evt_…})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public String publish(String tenantId, String type, String verificationId, Map<String, Object> data) {
    if (!EventTypes.isKnown(type) || EventTypes.WEBHOOK_TEST.equals(type)) {
      throw new IllegalArgumentException("Unknown event type " + type);
    }
    VerificationFacts facts = verifications.facts(verificationId)
        .orElseThrow(() -> new IllegalArgumentException("Unknown verification " + verificationId));
    return append(tenantId, type, verificationId, facts.externalRef(), facts.to(), data, clock.instant(), null);
  }

  /**
   * Writes an event and schedules its deliveries (to {@code onlyEndpoint} if given, else to every
   * enabled endpoint of the tenant that wants the type). Joins the caller's transaction.
   */
  String append(String tenantId, String type, String verificationId, String externalRef, String e164,
      Map<String, Object> extra, Instant at, WebhookEndpoint onlyEndpoint) {
    for (String key : extra.keySet()) {
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException("Event data may not set " + key);
      }
    }
    String id = Ids.next("evt", clock);
    Map<String, Object> data = new LinkedHashMap<>();
    if (verificationId != null) {
      data.put("verificationId", verificationId);
      data.put("externalRef", externalRef);
      data.put("to", MaskedNumber.of(e164));
    }
    data.putAll(extra);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", id);
    payload.put("type", type);
    payload.put("timestamp", at.toString());
    payload.put("data", data);
    WebhookEvent event = new WebhookEvent(id, tenantId, type, verificationId, json.writeValueAsString(payload), at);
    events.insert(event);

    List<WebhookEndpoint> targets = onlyEndpoint != null ? List.of(onlyEndpoint)
        : endpoints.enabled(tenantId).stream().filter(e -> e.wants(type)).toList();
    if (!targets.isEmpty()) {
      // the event is new, so are its jobs: one batch insert, without looking for existing ones first
      List<TaskInstance<?>> jobs = targets.stream().<TaskInstance<?>>map(endpoint -> deliveryTask.instance(
          WebhookDeliveryJob.instanceId(id, endpoint.id()), WebhookDeliveryJob.Data.first(event, endpoint))).toList();
      scheduler.getObject().scheduleBatch(jobs, clock.instant());
    }
    return id;
  }

  /** Schedules a new delivery of a stored event to an endpoint (manual redelivery). */
  void redeliver(WebhookEvent event, WebhookEndpoint endpoint) {
    String instance = WebhookDeliveryJob.instanceId(event.id(), endpoint.id()) + "/" + Ids.next("rd", clock);
    scheduler.getObject().scheduleIfNotExists(deliveryTask.instance(instance,
        WebhookDeliveryJob.Data.first(event, endpoint)), clock.instant());
  }

  /**
   * The tenant's events after a cursor, oldest first. Events younger than the settle time are left
   * for the next poll, so a transaction that committed late cannot fall behind a client's cursor.
   */
  public Page list(Tenant tenant, String after, String type, int limit) {
    if (after != null && (!after.startsWith("evt_") || after.length() > 40)) {
      throw new ApiException(ProblemType.VALIDATION, "after must be an event id (evt_…)").with("field", "after");
    }
    if (type != null && !EventTypes.isKnown(type)) {
      throw new ApiException(ProblemType.VALIDATION, "Unknown event type " + type).with("field", "type");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ApiException(ProblemType.VALIDATION, "limit must be 1 to " + MAX_PAGE).with("field", "limit");
    }
    Instant settled = clock.instant().minus(settings.pollSettle());
    List<WebhookEvent> rows = events.page(tenant.id(), after, type, settled, limit + 1);
    boolean more = rows.size() > limit;
    return new Page(more ? rows.subList(0, limit) : rows, more);
  }

  public WebhookEvent get(Tenant tenant, String id) {
    return events.find(tenant.id(), id).orElseThrow(() -> ApiException.notFound("event", id));
  }
}
