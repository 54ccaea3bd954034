package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.simulator.phone.PhoneCall;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow the product exists for, over the real wire: API → SMPP to the SMSC simulator → UNDELIV
 * receipt → SIP call to the simulated phone → RTP reading the code → signed webhooks to a receiver
 * on loopback → the code the phone heard approves the verification.
 */
@KodamaTest
class AutoFallbackEndToEndTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** A whole call: greeting, the code read twice, the offer to repeat, goodbye. */
  private static final Duration CALL = Duration.ofSeconds(90);

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired SmscSimulator smsc;
  @Autowired SimulatedPhone phone;

  @Test
  void anUndeliverableSmsBecomesACallThatReadsTheSameCodeAndEveryStepIsASignedWebhook() {
    // +81 90-5550-0901: the SMSC answers UNDELIV (…901), the phone answers and listens (5550-0…)
    String number = "+819055500901";
    Api api = new Api(port, Fixtures.e2eTenant(tenants,
        Map.of("voice.gate", "off", "voice.repetitions", "2", "voice.languages", "ja")).key());
    try (Receiver receiver = new Receiver()) {
      String secret = api.post("/v1/webhook-endpoints", Map.of("url", receiver.url())).json().get("secret").asString();

      JsonNode started = api.post("/v1/verifications", Map.of("to", number, "externalRef", "member-42")).json();
      String id = started.get("id").asString();
      Receiver.await("voice.completed", CALL, () -> !receiver.accepted("voice.completed").isEmpty());

      List<String> flow = List.of("sms.failed", "fallback.started", "voice.answered", "voice.completed");
      Instant previous = Instant.MIN;
      for (String type : flow) {
        Receiver.Request request = receiver.accepted(type).get(0);
        assertThat(request.signedWith(secret)).as(type + " signature").isTrue();
        JsonNode event = JSON.readTree(request.body());
        assertThat(event.get("data").get("verificationId").asString()).isEqualTo(id);
        assertThat(event.get("data").get("externalRef").asString()).isEqualTo("member-42");
        assertThat(event.get("data").get("to").asString()).isEqualTo("+81 90-****-0901");
        Instant at = Instant.parse(event.get("timestamp").asString());
        assertThat(at).as(type + " comes after the step before").isAfterOrEqualTo(previous);
        previous = at;
      }
      JsonNode failed = JSON.readTree(receiver.accepted("sms.failed").get(0).body()).get("data").get("attempt");
      assertThat(failed.get("reason").asString()).isEqualTo("UNDELIV:001");

      String smsCode = codeIn(smsc.inbox(number).get(smsc.inbox(number).size() - 1).text());
      PhoneCall call = phone.awaitCall(number, Duration.ofSeconds(20)).orElseThrow();
      assertThat(call.recognizedCode()).as("the code the voice read").isEqualTo(smsCode);
      assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain(smsCode));

      JsonNode check = api.post("/v1/verifications/" + id + "/check", Map.of("code", call.recognizedCode())).json();
      assertThat(check.get("valid").asBoolean()).isTrue();
      Receiver.await("verification.approved", () -> !receiver.accepted("verification.approved").isEmpty());

      JsonNode attempts = api.get("/v1/verifications/" + id).json().get("attempts");
      assertThat(attempts.get(0).get("status").asString()).isEqualTo("undelivered");
      assertThat(attempts.get(1).get("channel").asString()).isEqualTo("voice");
      assertThat(attempts.get(1).get("status").asString()).isEqualTo("completed");
      assertThat(attempts.get(1).get("reason").asString()).isEqualTo("sms_undelivered");
    }
  }

  @Test
  void aLandlineIsCalledAndGetsNoSms() {
    // +81 3-5550-0001: a Tokyo landline of the simulated phone that answers and listens
    String number = "+81355500001";
    Api api = new Api(port, Fixtures.e2eTenant(tenants,
        Map.of("voice.gate", "off", "voice.repetitions", "2", "voice.languages", "en")).key());
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();

    JsonNode attempts = api.awaitAttempts(id, CALL, a -> "completed".equals(a.get(0).get("status").asString()));
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).get("channel").asString()).isEqualTo("voice");
    assertThat(smsc.inbox(number)).isEmpty();
    assertThat(phone.awaitCall(number, Duration.ofSeconds(20)).orElseThrow().recognizedCode()).hasSize(6);
  }

  private static String codeIn(String sms) {
    Matcher m = Pattern.compile("認証コード: (\\d{4,10})").matcher(sms);
    assertThat(m.find()).as("the SMS text carries the code").isTrue();
    return m.group(1);
  }
}
