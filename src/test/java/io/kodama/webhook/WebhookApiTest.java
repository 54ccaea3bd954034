package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.Dispatcher;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@KodamaTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookApiTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;
  @Autowired EndpointRepository endpointRepository;
  @Autowired SecretBox secretBox;

  @Autowired Dispatcher dispatcher;
  @Autowired TransactionTemplate tx;
  @Autowired Scheduler scheduler;
  @Autowired CustomTask<WebhookDeliveryJob.Data> deliveryTask;
  @Autowired JdbcTemplate jdbc;

  Api api;
  String apiKey;
  Receiver receiver;

  @BeforeEach
  void setUp() {
    apiKey = Fixtures.tenant(tenants).key();
    api = new Api(port, apiKey);
    receiver = new Receiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void createsAnEndpointAndShowsItsSecretOnlyOnce() {
    Api.Response created = api.post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
        "eventTypes", List.of("sms.failed", "verification.approved"), "description", "CRM"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    String id = body.get("id").asString();
    assertThat(id).startsWith("whe_");
    assertThat(body.get("secret").asString()).startsWith("whsec_");
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("eventTypes").toString()).isEqualTo("[\"sms.failed\",\"verification.approved\"]");

    JsonNode read = api.get("/v1/webhook-endpoints/" + id).json();
    assertThat(read.has("secret")).isFalse();
    assertThat(read.get("url").asString()).isEqualTo(receiver.url());
    JsonNode list = api.get("/v1/webhook-endpoints").json().get("data");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).has("secret")).isFalse();
  }

  @Test
  void deliversSignedEventsForAVerificationFromStartToApproval() {
    String secret = createEndpoint(null);
    String id = startVerification("member-42");
    Receiver.await("verification.created and sms.delivered", () ->
        receiver.accepted("verification.created").size() == 1 && receiver.accepted("sms.delivered").size() == 1);

    String code = channels.lastFor(id).code();
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
        .isTrue();
    Receiver.await("verification.approved", () -> receiver.accepted("verification.approved").size() == 1);

    for (Receiver.Request request : receiver.requests()) {
      assertThat(request.signedWith(secret)).as(request.body()).isTrue();
      assertThat(request.id()).startsWith("evt_");
      assertThat(Long.parseLong(request.header("webhook-timestamp")))
          .isCloseTo(clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
      assertThat(request.header("content-type")).isEqualTo("application/json");
      assertThat(request.body()).doesNotContain(code).doesNotContain("\"code\"");
      JsonNode payload = JSON.readTree(request.body());
      assertThat(payload.get("id").asString()).isEqualTo(request.id());
      assertThat(payload.get("data").get("verificationId").asString()).isEqualTo(id);
      assertThat(payload.get("data").get("externalRef").asString()).isEqualTo("member-42");
      assertThat(payload.get("data").get("to").asString()).matches("\\+81 90-\\*\\*\\*\\*-\\d{4}");
    }
    JsonNode delivered = JSON.readTree(receiver.accepted("sms.delivered").get(0).body());
    JsonNode attempt = delivered.get("data").get("attempt");
    assertThat(attempt.get("channel").asString()).isEqualTo("sms");
    assertThat(attempt.get("status").asString()).isEqualTo("delivered");
    assertThat(attempt.get("id").asString()).startsWith("att_");
    assertThat(attempt.get("detail").get("test").asBoolean()).isTrue();
    JsonNode approved = JSON.readTree(receiver.accepted("verification.approved").get(0).body());
    assertThat(approved.get("data").get("status").asString()).isEqualTo("approved");
    assertThat(receiver.requests()).hasSize(3);
  }

  @Test
  void onlyTheSubscribedTypesAreSent() {
    createEndpoint(List.of("verification.approved"));
    String id = startVerification(null);
    String code = channels.lastFor(id).code();
    api.post("/v1/verifications/" + id + "/check", Map.of("code", code));

    Receiver.await("verification.approved", () -> receiver.accepted("verification.approved").size() == 1);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aReceiverThatIsDownGetsEveryEventWhenItComesBack() {
    receiver.answering(n -> Receiver.Answer.of(n <= 2 ? 500 : 200));
    String secret = createEndpoint(null);
    String endpointId = endpointIds().get(0);
    String id = startVerification("down-then-up");
    Receiver.await("two failed first attempts", () -> receiver.count() >= 2);
    Receiver.await("retries recorded", () -> outcomes(endpointId).stream().filter("retrying"::equals).count() == 2);

    List<JsonNode> log = deliveries(endpointId);
    for (JsonNode attempt : log) {
      assertThat(attempt.get("statusCode").asInt()).isEqualTo(500);
      assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
      assertThat(attempt.get("error").asString()).isEqualTo("HTTP 500");
      assertThat(attempt.get("latencyMs").isNumber()).isTrue();
      Duration wait = Duration.between(Instant.parse(attempt.get("createdAt").asString()),
          Instant.parse(attempt.get("nextAttemptAt").asString()));
      assertThat(wait).isBetween(Duration.ofMillis(4400), Duration.ofMillis(5600));
    }
    api.post("/v1/verifications/" + id + "/check", Map.of("code", channels.lastFor(id).code()));
    clock.advance(Duration.ofSeconds(6));

    Receiver.await("every event accepted", () -> receiver.accepted("verification.created").size() == 1
        && receiver.accepted("sms.delivered").size() == 1 && receiver.accepted("verification.approved").size() == 1);
    clock.advance(Duration.ofSeconds(2));
    Set<String> eventIds = new HashSet<>();
    api.get("/v1/events?limit=50").json().get("data").forEach(e -> eventIds.add(e.get("id").asString()));
    assertThat(eventIds).hasSize(3);
    Map<String, String> bodyById = new HashMap<>();
    for (Receiver.Request request : receiver.requests()) {
      assertThat(eventIds).contains(request.id());
      assertThat(request.signedWith(secret)).isTrue();
      String earlier = bodyById.putIfAbsent(request.id(), request.body());
      assertThat(earlier == null || earlier.equals(request.body())).as("a duplicate is the same event").isTrue();
    }
    assertThat(receiver.requests().stream().filter(r -> r.answeredWith() == 200).map(Receiver.Request::id))
        .containsExactlyInAnyOrderElementsOf(eventIds);
    Receiver.await("retries logged as attempt 2", () -> outcomes(endpointId).size() == 5);
    assertThat(deliveries(endpointId).stream().filter(d -> d.get("attempt").asInt() == 2)
        .map(d -> d.get("outcome").asString())).containsExactly("succeeded", "succeeded");
  }

  @Test
  void anEndpointAnswering410IsDisabled() {
    receiver.answering(n -> Receiver.Answer.of(410));
    createEndpoint(null);
    String endpointId = endpointIds().get(0);
    startVerification(null);

    Receiver.await("endpoint disabled", () -> !api.get("/v1/webhook-endpoints/" + endpointId).json()
        .get("enabled").asBoolean());
    JsonNode endpoint = api.get("/v1/webhook-endpoints/" + endpointId).json();
    assertThat(endpoint.get("disabledReason").asString()).isEqualTo("gone");
    Receiver.await("the 410 logged", () -> outcomes(endpointId).contains("disabled"));
    pause(Duration.ofMillis(500));
    int requests = receiver.count();
    // sms.delivered raced the first 410: it was either never scheduled, or skipped, or also got a 410
    assertThat(requests).isBetween(1, 2);
    assertThat(outcomes(endpointId)).allMatch(o -> o.equals("disabled") || o.equals("skipped"));

    startVerification(null);
    clock.advance(Duration.ofSeconds(10));
    Api.Response test = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null);
    assertThat(test.status()).isEqualTo(409);
    assertThat(test.json().get("type").asString()).endsWith("/webhook-endpoint-disabled");
    pause(Duration.ofMillis(800));
    assertThat(receiver.count()).isEqualTo(requests);

    Api.Response enabled = api.patch("/v1/webhook-endpoints/" + endpointId, Map.of("enabled", true));
    assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
    assertThat(enabled.json().get("disabledReason").isNull()).isTrue();
  }

  @Test
  void honoursRetryAfter() {
    receiver.answering(n -> n == 1 ? new Receiver.Answer(503, Map.of("Retry-After", "120")) : Receiver.Answer.of(200));
    createEndpoint(List.of("verification.created"));
    String endpointId = endpointIds().get(0);
    startVerification(null);
    Receiver.await("first attempt", () -> outcomes(endpointId).size() == 1);

    JsonNode first = deliveries(endpointId).get(0);
    assertThat(first.get("statusCode").asInt()).isEqualTo(503);
    assertThat(Duration.between(Instant.parse(first.get("createdAt").asString()),
        Instant.parse(first.get("nextAttemptAt").asString()))).isEqualTo(Duration.ofSeconds(120));
    clock.advance(Duration.ofSeconds(10));
    pause(Duration.ofMillis(800));
    assertThat(receiver.count()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(111));
    Receiver.await("delivered after Retry-After", () -> receiver.accepted("verification.created").size() == 1);
  }

  @Test
  void refusesUrlsOfPrivateMetadataAndNonHttpTargets() {
    for (String url : new String[] {"http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data",
        "http://[fd00::1]/hook", "http://100.64.0.1/hook", "http://[::ffff:10.0.0.1]/hook", "http://0.0.0.0:8080/"}) {
      Api.Response refused = api.post("/v1/webhook-endpoints", Map.of("url", url));
      assertThat(refused.status()).as(url).isEqualTo(422);
      assertThat(refused.json().get("type").asString()).as(url).endsWith("/webhook-url-refused");
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    for (String url : new String[] {"ftp://example.com/hook", "file:///etc/passwd", "not a url", "http://u:p@x.example/"}) {
      Api.Response invalid = api.post("/v1/webhook-endpoints", Map.of("url", url));
      assertThat(invalid.status()).as(url).isEqualTo(400);
      assertThat(invalid.json().get("type").asString()).as(url).endsWith("/validation");
    }
    Api.Response unknownType = api.post("/v1/webhook-endpoints", Map.of("url", receiver.url(),
        "eventTypes", List.of("sms.exploded")));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(api.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
  }

  @Test
  void pollsEventsInOrderPageByPage() {
    for (int i = 0; i < 3; i++) {
      String id = startVerification("poll-" + i);
      channels.lastFor(id);
    }
    Receiver.await("six events", () -> {
      clock.advance(Duration.ofMillis(1100));
      return api.get("/v1/events?limit=50").json().get("data").size() == 6;
    });

    List<String> ids = new ArrayList<>();
    List<String> types = new ArrayList<>();
    String after = null;
    int pages = 0;
    while (true) {
      JsonNode page = api.get("/v1/events?limit=4" + (after == null ? "" : "&after=" + after)).json();
      page.get("data").forEach(e -> {
        ids.add(e.get("id").asString());
        types.add(e.get("type").asString());
      });
      pages++;
      after = page.get("next").asString();
      if (!page.get("hasMore").asBoolean()) {
        break;
      }
    }
    assertThat(pages).isEqualTo(2);
    assertThat(ids).hasSize(6).doesNotHaveDuplicates().isSorted();
    assertThat(types).containsOnly("verification.created", "sms.delivered");
    JsonNode empty = api.get("/v1/events?after=" + after).json();
    assertThat(empty.get("data")).isEmpty();
    assertThat(empty.get("next").asString()).isEqualTo(after);
    JsonNode onlyDelivered = api.get("/v1/events?type=sms.delivered").json().get("data");
    assertThat(onlyDelivered).hasSize(3);
    assertThat(api.get("/v1/events/" + ids.get(0)).json().get("id").asString()).isEqualTo(ids.get(0));
    assertThat(api.get("/v1/events?type=nope").status()).isEqualTo(400);
    assertThat(api.get("/v1/events?limit=0").status()).isEqualTo(400);
  }

  @Test
  void rotationSignsWithBothSecretsDuringTheOverlap() {
    String oldSecret = createEndpoint(null);
    String endpointId = endpointIds().get(0);

    JsonNode rotated = api.post("/v1/webhook-endpoints/" + endpointId + "/rotate-secret", null).json();
    String newSecret = rotated.get("secret").asString();
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
    Instant until = Instant.parse(rotated.get("previousSecretExpiresAt").asString());
    assertThat(Duration.between(clock.instant(), until)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
    String eventId = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null).json().get("eventId").asString();

    Receiver.await("test event", () -> receiver.accepted("webhook.test").size() == 1);
    Receiver.Request request = receiver.accepted("webhook.test").get(0);
    assertThat(request.id()).isEqualTo(eventId);
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(request.signedWith(newSecret)).isTrue();
    assertThat(request.signedWith(oldSecret)).isTrue();

    EndpointRepository.Row row = endpointRepository.findById(endpointId).orElseThrow();
    assertThat(row.signingSecrets(secretBox, until.minusSeconds(1))).containsExactly(newSecret, oldSecret);
    assertThat(row.signingSecrets(secretBox, until)).containsExactly(newSecret);
  }

  @Test
  void redeliversAnEventWithTheSameIdAndLogsEachAttempt() {
    createEndpoint(null);
    String endpointId = endpointIds().get(0);
    String eventId = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null).json().get("eventId").asString();
    Receiver.await("first delivery", () -> receiver.count() == 1);

    Api.Response redelivery = api.post("/v1/webhook-endpoints/" + endpointId + "/redeliver", Map.of("eventId", eventId));
    assertThat(redelivery.status()).isEqualTo(202);
    Receiver.await("second delivery", () -> receiver.count() == 2);

    assertThat(receiver.requests()).extracting(Receiver.Request::id).containsExactly(eventId, eventId);
    Receiver.await("two log rows", () -> outcomes(endpointId).size() == 2);
    for (JsonNode attempt : deliveries(endpointId)) {
      assertThat(attempt.get("eventId").asString()).isEqualTo(eventId);
      assertThat(attempt.get("eventType").asString()).isEqualTo("webhook.test");
      assertThat(attempt.get("outcome").asString()).isEqualTo("succeeded");
      assertThat(attempt.get("statusCode").asInt()).isEqualTo(204);
      assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    }
    assertThat(api.post("/v1/webhook-endpoints/" + endpointId + "/redeliver", Map.of("eventId", "evt_nope")).status())
        .isEqualTo(404);
  }

  @Test
  void aJobWithoutTheEventsPayloadReadsTheEventAndAFinishedJobLeavesNoRow() {
    createEndpoint(null);
    String endpointId = endpointIds().get(0);
    String eventId = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null).json().get("eventId").asString();
    Receiver.await("first delivery", () -> receiver.count() == 1);
    String body = receiver.requests().get(0).body();

    // as jobs were written before they carried the event's type and payload
    scheduler.schedule(deliveryTask.instance(eventId + "/" + endpointId + "/old",
        new WebhookDeliveryJob.Data(eventId, endpointId, 1, null, null)), clock.instant());
    Receiver.await("second delivery", () -> receiver.count() == 2);
    assertThat(receiver.requests().get(1).body()).isEqualTo(body);
    assertThat(receiver.requests().get(1).id()).isEqualTo(eventId);
    Receiver.await("two log rows", () -> outcomes(endpointId).equals(List.of("succeeded", "succeeded")));
    Receiver.await("no job rows left", () -> jdbc.queryForObject(
        "select count(*) from scheduled_tasks where task_instance like ?", Integer.class, eventId + "/%") == 0);
  }

  @Test
  void anotherTenantCannotSeeOrTouchEndpointsOrEvents() {
    createEndpoint(null);
    String endpointId = endpointIds().get(0);
    String eventId = api.post("/v1/webhook-endpoints/" + endpointId + "/test", null).json().get("eventId").asString();
    Receiver.await("delivery", () -> receiver.count() == 1);
    Api stranger = api.as(Fixtures.tenant(tenants).key());
    String path = "/v1/webhook-endpoints/" + endpointId;

    for (Api.Response response : new Api.Response[] {
        stranger.get(path),
        stranger.patch(path, Map.of("enabled", false)),
        stranger.post(path + "/rotate-secret", null),
        stranger.post(path + "/test", null),
        stranger.get(path + "/deliveries"),
        stranger.post(path + "/redeliver", Map.of("eventId", eventId)),
        stranger.delete(path),
        stranger.get("/v1/events/" + eventId)}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.json().get("type").asString()).endsWith("/not-found");
    }
    assertThat(stranger.get("/v1/webhook-endpoints").json().get("data")).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(stranger.get("/v1/events").json().get("data")).isEmpty();
    String strangerEndpoint = stranger.post("/v1/webhook-endpoints", Map.of("url", receiver.url())).json()
        .get("id").asString();
    assertThat(stranger.post("/v1/webhook-endpoints/" + strangerEndpoint + "/redeliver", Map.of("eventId", eventId))
        .status()).isEqualTo(404);
    assertThat(api.get(path).json().get("enabled").asBoolean()).isTrue();
    assertThat(api.get("/v1/events/" + eventId).status()).isEqualTo(200);
  }

  @Test
  void announcesAFallbackCallAsFallbackStartedThenTheVoiceOutcome() {
    String secret = createEndpoint(List.of("fallback.started", "voice.completed"));
    String id = startVerification("fallback");
    channels.lastFor(id);
    String tenantId = tenants.authenticate(apiKey).orElseThrow().id();

    tx.executeWithoutResult(status -> dispatcher.enqueue(id, tenantId, Channel.VOICE, "sms_undelivered"));

    Receiver.await("fallback.started and voice.completed", () -> receiver.accepted("fallback.started").size() == 1
        && receiver.accepted("voice.completed").size() == 1);
    assertThat(receiver.requests()).hasSize(2).allMatch(r -> r.signedWith(secret));
    JsonNode fallback = JSON.readTree(receiver.accepted("fallback.started").get(0).body()).get("data");
    assertThat(fallback.get("reason").asString()).isEqualTo("sms_undelivered");
    assertThat(fallback.get("verificationId").asString()).isEqualTo(id);
    assertThat(fallback.get("attempt").get("channel").asString()).isEqualTo("voice");
    assertThat(fallback.get("attempt").get("status").asString()).isEqualTo("queued");
    JsonNode completed = JSON.readTree(receiver.accepted("voice.completed").get(0).body()).get("data");
    assertThat(completed.get("attempt").get("id").asString()).isEqualTo(fallback.get("attempt").get("id").asString());
  }

  @Test
  void deletesAnEndpoint() {
    createEndpoint(null);
    String endpointId = endpointIds().get(0);

    assertThat(api.delete("/v1/webhook-endpoints/" + endpointId).status()).isEqualTo(204);
    assertThat(api.get("/v1/webhook-endpoints/" + endpointId).status()).isEqualTo(404);
    startVerification(null);
    pause(Duration.ofMillis(600));
    assertThat(receiver.count()).isZero();
  }

  @Test
  void neverLogsASecret(CapturedOutput output) {
    String secret = createEndpoint(null);
    String endpointId = endpointIds().get(0);
    String rotated = api.post("/v1/webhook-endpoints/" + endpointId + "/rotate-secret", null).json()
        .get("secret").asString();
    receiver.answering(n -> Receiver.Answer.of(n == 1 ? 500 : 204));
    api.post("/v1/webhook-endpoints/" + endpointId + "/test", null);
    startVerification(null);
    Receiver.await("deliveries", () -> receiver.count() >= 3);

    for (String value : new String[] {secret, rotated}) {
      assertThat(output.getAll()).doesNotContain(value).doesNotContain(value.substring("whsec_".length()));
    }
    assertThat(output.getAll()).contains(endpointId);
  }

  private String createEndpoint(List<String> types) {
    Map<String, Object> body = new HashMap<>();
    body.put("url", receiver.url());
    if (types != null) {
      body.put("eventTypes", types);
    }
    Api.Response created = api.post("/v1/webhook-endpoints", body);
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("secret").asString();
  }

  private List<String> endpointIds() {
    List<String> ids = new ArrayList<>();
    api.get("/v1/webhook-endpoints").json().get("data").forEach(e -> ids.add(e.get("id").asString()));
    return ids;
  }

  private String startVerification(String externalRef) {
    Map<String, Object> body = new HashMap<>();
    body.put("to", Fixtures.mobile());
    if (externalRef != null) {
      body.put("externalRef", externalRef);
    }
    Api.Response created = api.post("/v1/verifications", body);
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private List<JsonNode> deliveries(String endpointId) {
    JsonNode data = api.get("/v1/webhook-endpoints/" + endpointId + "/deliveries").json().get("data");
    return StreamSupport.stream(data.spliterator(), false).toList();
  }

  private List<String> outcomes(String endpointId) {
    return deliveries(endpointId).stream().map(d -> d.get("outcome").asString()).toList();
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
