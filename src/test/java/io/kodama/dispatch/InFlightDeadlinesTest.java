package io.kodama.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Await;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A call whose node was killed while it rang or talked still gets a final status. */
@KodamaTest
class InFlightDeadlinesTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired Dispatcher dispatcher;
  @Autowired DeliveryTargets targets;
  @Autowired AttemptRecorder recorder;
  @Autowired AttemptRepository attempts;
  @Autowired InFlightDeadlines inFlightDeadlines;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port, Fixtures.tenant(tenants).key());
  }

  @Test
  void aCallThatNeverEndsFailsAsNodeLostOnceNoLiveCallCouldLastSoLong() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.VOICE, number, "silent"); // calling, and then nothing: its node is gone
    String id = start(number);
    String attempt = api.awaitAttempts(id, a -> "calling".equals(a.get(0).get("status").asString()))
        .get(0).get("id").asString();
    Duration limit = dispatcher.channel(Channel.VOICE).flatMap(DeliveryChannel::inFlightLimit).orElseThrow();
    assertThat(limit).isGreaterThan(Duration.ofMinutes(5)); // the longest call (max-call-duration) and its ringing
    List<Instant> deadlines = deadlines(attempt);
    assertThat(deadlines).hasSize(1);
    assertThat(deadlines.get(0)).isAfterOrEqualTo(clock.instant().plus(limit).minusSeconds(5));

    clock.advance(limit.plusSeconds(1));
    JsonNode attempts = api.awaitAttempts(id, a -> !"calling".equals(a.get(0).get("status").asString()));
    assertThat(attempts.get(0).get("status").asString()).isEqualTo("failed");
    assertThat(attempts.get(0).get("reason").asString()).isEqualTo("node_lost");
    assertThat(deadlines(attempt)).isEmpty();
  }

  @Test
  void aCallWhoseNodeDiedBeforeItsFirstReportFailsAsNodeLostToo() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.VOICE, number, "unreported");
    String id = start(number);
    channels.lastFor(id);
    String attempt = api.get("/v1/verifications/" + id).json().get("attempts").get(0).get("id").asString();
    Await.until("the deadline", Duration.ofSeconds(20), () -> deadlines(attempt), list -> !list.isEmpty());
    assertThat(api.get("/v1/verifications/" + id).json().get("attempts").get(0).get("status").asString())
        .isEqualTo("queued");

    clock.advance(Duration.ofMinutes(10));
    JsonNode attempts = api.awaitAttempts(id, a -> "failed".equals(a.get(0).get("status").asString()));
    assertThat(attempts.get(0).get("reason").asString()).isEqualTo("node_lost");
  }

  @Test
  void aDeliveryJobTakenOverFromADeadNodeWritesTheMissingDeadlineAndCallsNoMore() {
    String number = Fixtures.mobile();
    channels.outcome(Channel.VOICE, number, "silent");
    String id = start(number);
    String attempt = api.awaitAttempts(id, a -> "calling".equals(a.get(0).get("status").asString()))
        .get(0).get("id").asString();
    Await.until("the deadline", Duration.ofSeconds(20), () -> deadlines(attempt), list -> !list.isEmpty());
    // the node died after the call's first report, before its job wrote the deadline and ended
    jdbc.update("delete from scheduled_tasks where task_name = ? and task_instance = ?", InFlightDeadlines.TASK_NAME,
        attempt);

    DeliveryJob.run(attempt, dispatcher, targets, recorder, attempts, inFlightDeadlines);
    assertThat(deadlines(attempt)).hasSize(1);
    assertThat(channels.countFor(id)).isEqualTo(1);
  }

  @Test
  void aCallWithItsOutcomeLeavesNoDeadlineBehind() {
    String id = start(Fixtures.mobile());
    String attempt = api.awaitAttempts(id, a -> "completed".equals(a.get(0).get("status").asString()))
        .get(0).get("id").asString();
    assertThat(deadlines(attempt)).isEmpty();
  }

  private List<Instant> deadlines(String attemptId) {
    return jdbc.query("select execution_time from scheduled_tasks where task_name = ? and task_instance = ?",
        (rs, n) -> rs.getTimestamp(1).toInstant(), InFlightDeadlines.TASK_NAME, attemptId);
  }

  private String start(String number) {
    Api.Response created = api.post("/v1/verifications", Map.of("to", number, "channel", "voice"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }
}
