package io.kodama.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@KodamaTest
class CheckLimitsTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MeterRegistry meters;
  @Autowired MutableClock clock;
  @Autowired VerificationSettings settings;
  @Autowired JdbcTemplate jdbc;

  @Test
  void fiftyParallelWrongChecksGetAtMostFiveComparisons() throws Exception {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String id = api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).json().get("id").asString();
    String code = channels.lastFor(id).code();
    String wrong = code.equals("000000") ? "111111" : "000000";
    double comparedBefore = compared();

    List<Api.Response> responses = parallelChecks(api, id, wrong, 50);

    double comparisons = compared() - comparedBefore;
    System.out.println("50 parallel wrong checks → " + (long) comparisons + " comparisons");
    assertThat(comparisons).isEqualTo(5);
    assertThat(responses).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("valid").asBoolean()).isFalse();
    });
    assertThat(responses.stream().filter(r -> "wrong_code".equals(r.json().get("reason").asString()))).hasSize(4);
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
        .isFalse();
    assertThat(api.get("/v1/verifications/" + id).json().get("status").asString()).isEqualTo("failed");
  }

  @Test
  void parallelGuessesAtOneVerificationDoNotLockTheNumberBeyondItsOwnChecks() throws Exception {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    int maxChecks = settings.maxChecks();
    // use up all but maxChecks of the number's wrong checks on earlier verifications
    int used = 0;
    while (used < settings.numberWrongChecks() - maxChecks) {
      String earlier = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
      for (int i = 0; i < maxChecks && used < settings.numberWrongChecks() - maxChecks; i++, used++) {
        assertThat(api.post("/v1/verifications/" + earlier + "/check", Map.of("code", wrongFor(earlier))).status())
            .isEqualTo(200);
      }
    }
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    String wrong = wrongFor(id);

    List<Api.Response> responses = parallelChecks(api, id, wrong, 40);

    // the verification's own checks fit in what the number had left: none of the guesses is locked out
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(api.get("/v1/verifications/" + id).json().get("status").asString()).isEqualTo("failed");
    // and the number's wrong checks are now used up: the next verification's check is locked out
    String next = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    Api.Response locked = api.post("/v1/verifications/" + next + "/check", Map.of("code", wrongFor(next)));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().get("type").asString()).endsWith("/number-locked");
    // a locked-out check does not use up one of the verification's checks
    assertThat(jdbc.queryForObject("select checks_used from verifications where id = ?", Integer.class, next))
        .isZero();
  }

  /** Sends the same check {@code count} times at once and returns every answer. */
  private static List<Api.Response> parallelChecks(Api api, String id, String code, int count) throws Exception {
    return Api.parallel(count, () -> api.post("/v1/verifications/" + id + "/check", Map.of("code", code)));
  }

  private String wrongFor(String id) {
    return channels.lastFor(id).code().equals("000000") ? "111111" : "000000";
  }

  @Test
  void locksTheNumberAfterTooManyWrongChecksAcrossItsVerifications() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    int cap = settings.numberWrongChecks();
    int wrongChecks = 0;
    Api.Response last = null;
    while (wrongChecks < cap + 1) {
      String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
      String code = channels.lastFor(id).code();
      String wrong = code.equals("000000") ? "111111" : "000000";
      for (int i = 0; i < 4 && wrongChecks < cap + 1; i++, wrongChecks++) {
        last = api.post("/v1/verifications/" + id + "/check", Map.of("code", wrong));
      }
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("type").asString()).endsWith("/number-locked");
    assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();

    clock.advance(settings.numberWindow().plus(Duration.ofSeconds(1)));
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    String code = channels.lastFor(id).code();
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
        .isTrue();
  }

  private double compared() {
    var counter = meters.find("kodama.checks").tag("outcome", "wrong").counter();
    return counter == null ? 0 : counter.count();
  }
}
