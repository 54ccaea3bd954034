package io.kodama.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kodama.support.Api;
import io.kodama.support.Await;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@KodamaTest
class OutboxTest {

  @LocalServerPort int port;
  @Autowired Dispatcher dispatcher;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcTemplate jdbc;
  @Autowired Tenants tenants;
  @Autowired AttemptUpdates updates;
  @Autowired TestChannels channels;

  @Test
  void aRolledBackTransactionLeavesNeitherAttemptNorJob() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    String verificationId = new Api(port, tenant.key()).post("/v1/verifications", Map.of("to", Fixtures.mobile()))
        .json().get("id").asString();
    String[] attemptId = new String[1];

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      attemptId[0] = dispatcher.enqueue(verificationId, tenant.tenant().id(), Channel.VOICE, "test").id();
      assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
          attemptId[0])).isEqualTo(1);
      throw new IllegalStateException("roll back");
    })).hasMessage("roll back");

    assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
        attemptId[0])).isZero();
    assertThat(jdbc.queryForObject("select count(*) from delivery_attempts where id = ?", Integer.class,
        attemptId[0])).isZero();
  }

  /** An overload's exhausted pool fails no attempt: the job runs again and delivers. */
  @Test
  void aDeliveryThatFindsNoFreeDatabaseConnectionIsTriedAgainNotFailed() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "database-busy-once");
    Api api = new Api(port, Fixtures.tenant(tenants).key());
    String id = api.post("/v1/verifications", Map.of("to", number, "channel", "sms")).json().get("id").asString();

    JsonNode attempts = api.awaitAttempts(id, a -> "delivered".equals(a.get(0).get("status").asString()));
    assertThat(attempts).hasSize(1);
    assertThat(channels.countFor(id)).isEqualTo(1);
  }

  @Test
  void enqueueRefusesToRunOutsideATransaction() {
    assertThatThrownBy(() -> dispatcher.enqueue("vrf_x", "ten_x", Channel.SMS, null))
        .hasMessageContaining("transaction");
  }

  @Test
  void attemptsNeverMoveBackAndRepeatedReportsChangeNothing() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String verificationId = api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).json().get("id").asString();
    String attemptId = tx.execute(status ->
        dispatcher.enqueue(verificationId, tenant.tenant().id(), Channel.SMS, "test").id());
    // the test channel reports delivered; a late "submitted" and a duplicate "undelivered" must not change it
    Await.until("attempt " + attemptId + " delivered", Duration.ofSeconds(20),
        () -> "delivered".equals(status(verificationId, attemptId)));
    updates.record(attemptId, "submitted", null, Map.of("smscMessageId", "late"));
    updates.record(attemptId, "undelivered", "UNDELIV:001", Map.of());

    Attempt attempt = dispatcher.attempts(verificationId).stream().filter(a -> a.id().equals(attemptId))
        .findFirst().orElseThrow();
    assertThat(attempt.status()).isEqualTo("delivered");
    assertThat(attempt.detail()).doesNotContainKey("smscMessageId");
  }

  private String status(String verificationId, String attemptId) {
    return dispatcher.attempts(verificationId).stream().filter(a -> a.id().equals(attemptId))
        .map(Attempt::status).findFirst().orElse(null);
  }
}
