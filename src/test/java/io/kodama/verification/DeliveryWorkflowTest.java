package io.kodama.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.Channel;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@KodamaTest
class DeliveryWorkflowTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;
  @Autowired JdbcTemplate jdbc;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port, Fixtures.tenant(tenants).key());
  }

  @Test
  void anUndeliveredSmsTurnsIntoACallWithTheSameCode() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "undelivered");
    String id = start(number, "auto");

    JsonNode attempts = api.awaitAttempts(id, a -> a.size() == 2 && "completed".equals(a.get(1).get("status").asString()));
    assertThat(attempts.get(0).get("channel").asString()).isEqualTo("sms");
    assertThat(attempts.get(0).get("status").asString()).isEqualTo("undelivered");
    assertThat(attempts.get(1).get("channel").asString()).isEqualTo("voice");
    assertThat(attempts.get(1).get("reason").asString()).isEqualTo("sms_undelivered");
    List<String> codes = channels.allFor(id).stream().map(t -> t.code()).distinct().toList();
    assertThat(codes).hasSize(1);
  }

  @Test
  void anSmsWithoutReceiptTurnsIntoACallAfterTheReceiptTimeout() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "silent");
    String id = start(number, "auto");
    api.awaitAttempts(id, a -> "submitted".equals(a.get(0).get("status").asString()));

    clock.advance(Duration.ofSeconds(31));
    JsonNode attempts = api.awaitAttempts(id, a -> a.size() == 2);
    assertThat(attempts.get(1).get("channel").asString()).isEqualTo("voice");
    assertThat(attempts.get(1).get("reason").asString()).isEqualTo("sms_no_receipt");
  }

  @Test
  void anSmsWithItsOutcomeLeavesNoReceiptTimerBehind() {
    String delivered = start(Fixtures.mobile(), "auto");
    String silentNumber = Fixtures.mobile();
    channels.outcome(Channel.SMS, silentNumber, "silent");
    String silent = start(silentNumber, "auto");
    String deliveredSms = api.awaitAttempts(delivered, a -> "delivered".equals(a.get(0).get("status").asString()))
        .get(0).get("id").asString();
    String silentSms = api.awaitAttempts(silent, a -> "submitted".equals(a.get(0).get("status").asString()))
        .get(0).get("id").asString();

    assertThat(timers(deliveredSms)).isZero();
    assertThat(timers(silentSms)).isEqualTo(1);
  }

  private int timers(String smsAttemptId) {
    return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
        Integer.class, DeliveryWorkflow.RECEIPT_TIMEOUT_TASK, smsAttemptId);
  }

  @Test
  void channelSmsNeverCallsOnItsOwnButTheClientMayAskForTheCall() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "undelivered");
    String id = start(number, "sms");
    api.awaitAttempts(id, a -> "undelivered".equals(a.get(0).get("status").asString()));
    clock.advance(Duration.ofSeconds(31));

    assertThat(api.get("/v1/verifications/" + id).json().get("attempts")).hasSize(1);
    Api.Response resent = api.post("/v1/verifications/" + id + "/resend", Map.of("channel", "voice"));
    assertThat(resent.status()).isEqualTo(200);
    assertThat(api.awaitAttempts(id, a -> a.size() == 2).get(1).get("channel").asString()).isEqualTo("voice");
  }

  @Test
  void aNumberThatKeepsRefusingSmsIsCalledDirectlyUntilAnSmsArrivesAgain() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "undelivered");
    for (int i = 0; i < 2; i++) {
      String id = start(number, "auto");
      api.awaitAttempts(id, a -> a.size() == 2);
    }
    String third = start(number, "auto");
    JsonNode first = api.get("/v1/verifications/" + third).json().get("attempts").get(0);
    assertThat(first.get("channel").asString()).isEqualTo("voice");
    assertThat(first.get("reason").asString()).isEqualTo("sms_failed_before");

    // the client asks for an SMS explicitly, it arrives: the number takes SMS again
    channels.outcome(Channel.SMS, number, "delivered");
    String viaSms = start(number, "sms");
    api.awaitAttempts(viaSms, a -> "delivered".equals(a.get(0).get("status").asString()));
    assertThat(api.get("/v1/verifications/" + start(number, "auto")).json().get("attempts").get(0)
        .get("channel").asString()).isEqualTo("sms");
  }

  @Test
  void anApprovedVerificationGetsNoFallbackCall() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "silent");
    String id = start(number, "auto");
    String code = channels.lastFor(id).code();
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
        .isTrue();

    clock.advance(Duration.ofSeconds(31));
    String other = start(Fixtures.mobile(), "auto");
    channels.lastFor(other);
    // the timeout job of the approved verification has had its chance to run by now
    api.awaitAttempts(other, a -> a.size() == 1 && "delivered".equals(a.get(0).get("status").asString()));
    assertThat(api.get("/v1/verifications/" + id).json().get("attempts")).hasSize(1);
    assertThat(channels.countFor(id)).isEqualTo(1);
  }

  private String start(String number, String channel) {
    Api.Response created = api.post("/v1/verifications", Map.of("to", number, "channel", channel));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }
}
