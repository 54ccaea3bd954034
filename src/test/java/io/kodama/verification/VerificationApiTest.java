package io.kodama.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Await;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KodamaTest
class VerificationApiTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;

  Api api;
  Fixtures.TestTenant tenant;

  @BeforeEach
  void setUp() {
    tenant = Fixtures.tenant(tenants);
    api = new Api(port, tenant.key());
  }

  @Test
  void startsAVerificationAndDeliversItsCodeBySms() {
    Api.Response created = api.post("/v1/verifications", Map.of("to", "090-1234-5678", "externalRef", "member-42"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("id").asString()).startsWith("vrf_");
    assertThat(body.get("status").asString()).isEqualTo("pending");
    assertThat(body.get("to").asString()).isEqualTo("+81 90-****-5678");
    assertThat(body.get("lineType").asString()).isEqualTo("mobile");
    assertThat(body.get("channel").asString()).isEqualTo("auto");
    assertThat(body.get("locale").asString()).isEqualTo("ja");
    assertThat(body.get("purpose").asString()).isEqualTo("login");
    assertThat(body.get("externalRef").asString()).isEqualTo("member-42");
    assertThat(body.get("attempts").get(0).get("channel").asString()).isEqualTo("sms");
    assertThat(body.toString()).doesNotContain("12345678").doesNotContain("code\"");

    String code = channels.lastFor(body.get("id").asString()).code();
    assertThat(code).hasSize(6).containsOnlyDigits();
    JsonNode read = api.get("/v1/verifications/" + body.get("id").asString()).json();
    assertThat(read.get("attempts").get(0).get("status").asString()).isEqualTo("delivered");
  }

  @Test
  void acceptsFullWidthDigitsAndCodeLengthAndSendsLandlinesByVoice() {
    Api.Response created = api.post("/v1/verifications",
        Map.of("to", "０３－１２３４－５６７８", "codeLength", 8, "ttlSeconds", 120));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("lineType").asString()).isEqualTo("fixed_line");
    assertThat(created.json().get("attempts").get(0).get("channel").asString()).isEqualTo("voice");
    assertThat(channels.lastFor(created.json().get("id").asString()).code()).hasSize(8);
  }

  @Test
  void checkSaysWrongWithAttemptsLeftThenApproves() {
    String id = start(Fixtures.mobile());
    String code = channels.lastFor(id).code();
    String wrong = code.equals("000000") ? "111111" : "000000";

    JsonNode first = api.post("/v1/verifications/" + id + "/check", Map.of("code", wrong)).json();
    assertThat(first.get("valid").asBoolean()).isFalse();
    assertThat(first.get("status").asString()).isEqualTo("pending");
    assertThat(first.get("reason").asString()).isEqualTo("wrong_code");
    assertThat(first.get("attemptsRemaining").asInt()).isEqualTo(4);

    JsonNode right = api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json();
    assertThat(right.get("valid").asBoolean()).isTrue();
    assertThat(right.get("status").asString()).isEqualTo("approved");

    JsonNode again = api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json();
    assertThat(again.get("valid").asBoolean()).isFalse();
    assertThat(again.get("reason").asString()).isEqualTo("already_approved");
  }

  @Test
  void rejectsCodeAfterFiveWrongChecks() {
    String id = start(Fixtures.mobile());
    String code = channels.lastFor(id).code();
    String wrong = code.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 4; i++) {
      api.post("/v1/verifications/" + id + "/check", Map.of("code", wrong));
    }
    JsonNode fifth = api.post("/v1/verifications/" + id + "/check", Map.of("code", wrong)).json();
    assertThat(fifth.get("status").asString()).isEqualTo("failed");
    assertThat(fifth.get("reason").asString()).isEqualTo("too_many_checks");

    JsonNode right = api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json();
    assertThat(right.get("valid").asBoolean()).isFalse();
    assertThat(right.get("status").asString()).isEqualTo("failed");
  }

  @Test
  void expiresAfterItsTimeToLive() {
    String id = api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "ttlSeconds", 60)).json()
        .get("id").asString();
    String code = channels.lastFor(id).code();
    clock.advance(Duration.ofSeconds(61));

    JsonNode check = api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json();
    assertThat(check.get("valid").asBoolean()).isFalse();
    assertThat(check.get("status").asString()).isEqualTo("expired");
    assertThat(check.get("reason").asString()).isEqualTo("expired");
    assertThat(api.get("/v1/verifications/" + id).json().get("status").asString()).isEqualTo("expired");
  }

  @Test
  void resendsTheSameCodeOverVoiceAfterTheCooldown() {
    String id = start(Fixtures.mobile());
    String code = channels.lastFor(id).code();

    Api.Response tooSoon = api.post("/v1/verifications/" + id + "/resend", Map.of("channel", "voice"));
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.json().get("type").asString()).endsWith("/resend-cooldown");
    assertThat(tooSoon.header("Retry-After")).isNotNull();

    clock.advance(Duration.ofSeconds(31));
    Api.Response resent = api.post("/v1/verifications/" + id + "/resend", Map.of("channel", "voice"));
    assertThat(resent.status()).isEqualTo(200);
    assertThat(resent.json().get("attempts")).hasSize(2);
    assertThat(resent.json().get("attempts").get(1).get("channel").asString()).isEqualTo("voice");
    assertThat(resent.json().get("attempts").get(1).get("reason").asString()).isEqualTo("client_resend");
    awaitDeliveries(id, 2);
    assertThat(channels.lastFor(id).code()).isEqualTo(code);
  }

  /** A double click on resend: one more send, the others are told to wait. */
  @Test
  void parallelResendsSendOnceAndTheOthersWaitForTheCooldown() throws Exception {
    String id = start(Fixtures.mobile());
    awaitDeliveries(id, 1);
    clock.advance(Duration.ofSeconds(31));
    List<Api.Response> resends = Api.parallel(4, () -> api.post("/v1/verifications/" + id + "/resend", null));
    assertThat(resends).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 429, 429, 429);
    assertThat(api.get("/v1/verifications/" + id).json().get("sends").asInt()).isEqualTo(2);
    awaitDeliveries(id, 2);
  }

  @Test
  void refusesMoreThanFiveSends() {
    String id = start(Fixtures.mobile());
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(31));
      assertThat(api.post("/v1/verifications/" + id + "/resend", null).status()).isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(31));
    Api.Response sixth = api.post("/v1/verifications/" + id + "/resend", null);
    assertThat(sixth.status()).isEqualTo(409);
    assertThat(sixth.json().get("type").asString()).endsWith("/send-limit-reached");
  }

  @Test
  void cancelsAndThenRefusesToCancelAgain() {
    String id = start(Fixtures.mobile());
    Api.Response canceled = api.post("/v1/verifications/" + id + "/cancel", null);
    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.json().get("status").asString()).isEqualTo("canceled");
    assertThat(canceled.json().get("statusReason").asString()).isEqualTo("client");

    Api.Response again = api.post("/v1/verifications/" + id + "/cancel", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asString()).endsWith("/not-pending");
    JsonNode check = api.post("/v1/verifications/" + id + "/check", Map.of("code", "123456")).json();
    assertThat(check.get("reason").asString()).isEqualTo("canceled");
  }

  @Test
  void aSecondStartForTheSameNumberSupersedesTheFirst() {
    String number = Fixtures.mobile();
    String first = start(number);
    String second = start(number);

    JsonNode old = api.get("/v1/verifications/" + first).json();
    assertThat(old.get("status").asString()).isEqualTo("canceled");
    assertThat(old.get("statusReason").asString()).isEqualTo("superseded");
    assertThat(api.get("/v1/verifications/" + second).json().get("status").asString()).isEqualTo("pending");
  }

  /** A double click: starts for one number at the same moment leave exactly one pending. */
  @Test
  void parallelStartsForTheSameNumberLeaveOnePending() throws Exception {
    String number = Fixtures.mobile();
    List<String> ids = Api.parallel(4, () -> api.post("/v1/verifications", Map.of("to", number))).stream()
        .filter(created -> created.status() == 201) // the number's hourly limit may refuse some (429)
        .map(created -> created.json().get("id").asString())
        .toList();
    assertThat(ids).hasSizeGreaterThan(1);
    List<String> pending = ids.stream()
        .filter(id -> "pending".equals(api.get("/v1/verifications/" + id).json().get("status").asString()))
        .toList();
    assertThat(pending).hasSize(1);
  }

  /** A client retrying at once with its Idempotency-Key: one verification, one delivery. */
  @Test
  void parallelStartsWithOneIdempotencyKeyMakeOneVerification() throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("to", Fixtures.mobile());
    List<Api.Response> responses =
        Api.parallel(4, () -> api.post("/v1/verifications", body, Map.of("Idempotency-Key", key)));
    assertThat(responses).extracting(Api.Response::status).containsOnly(201);
    String id = responses.get(0).json().get("id").asString();
    assertThat(responses).extracting(r -> r.json().get("id").asString()).containsOnly(id);
    awaitDeliveries(id, 1);
  }

  @Test
  void sameIdempotencyKeyAndBodyReturnTheSameVerification() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("to", Fixtures.mobile());
    Api.Response first = api.post("/v1/verifications", body, Map.of("Idempotency-Key", key));
    Api.Response second = api.post("/v1/verifications", body, Map.of("Idempotency-Key", key));

    assertThat(second.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    channels.lastFor(first.json().get("id").asString());
    assertThat(channels.countFor(first.json().get("id").asString())).isEqualTo(1);

    Api.Response other = api.post("/v1/verifications", Map.of("to", Fixtures.mobile()), Map.of("Idempotency-Key", key));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().get("type").asString()).endsWith("/idempotency-conflict");
  }

  @Test
  void anotherTenantGetsNotFoundOnEveryOperation() {
    String id = start(Fixtures.mobile());
    Api stranger = api.as(Fixtures.tenant(tenants).key());
    Api.Response unknown = stranger.get("/v1/verifications/vrf_doesnotexist");

    for (Api.Response response : new Api.Response[] {
        stranger.get("/v1/verifications/" + id),
        stranger.post("/v1/verifications/" + id + "/check", Map.of("code", "123456")),
        stranger.post("/v1/verifications/" + id + "/resend", null),
        stranger.post("/v1/verifications/" + id + "/cancel", null)}) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.json().get("type").asString()).isEqualTo(unknown.json().get("type").asString());
      assertThat(response.json().get("detail").asString()).isEqualTo("No verification with id " + id);
    }
    assertThat(api.get("/v1/verifications/" + id).json().get("status").asString()).isEqualTo("pending");
  }

  @Test
  void refusesPremiumSharedCostAndTollFreeNumbers() {
    for (String number : new String[] {"0990-123-456", "0570-123-456", "0120-123-456", "0800-123-4567"}) {
      Api.Response refused = api.post("/v1/verifications", Map.of("to", number));
      assertThat(refused.status()).as(number).isEqualTo(422);
      assertThat(refused.json().get("type").asString()).as(number).endsWith("/number-type-refused");
    }
  }

  private String start(String number) {
    Api.Response created = api.post("/v1/verifications", Map.of("to", number));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private void awaitDeliveries(String id, long count) {
    Await.until(count + " deliveries for " + id, Duration.ofSeconds(20), () -> channels.countFor(id) >= count);
    assertThat(channels.countFor(id)).isEqualTo(count);
  }
}
