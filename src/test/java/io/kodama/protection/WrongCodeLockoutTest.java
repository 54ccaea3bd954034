package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Wrong codes across all verifications of one number. */
@KodamaTest
class WrongCodeLockoutTest {

  static final int VERIFICATIONS = 8;
  static final int PARALLEL_GUESSES = 20;
  static final long WINDOW_SECONDS = 3600;
  static final int NUMBER_CAP = 15;

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;
  @Autowired MeterRegistry meters;

  @Test
  void aBruteForceRunGetsNoMoreComparisonsThanTheCapsAndEachLockoutIsLonger() throws Exception {
    Api api = new Api(port, Fixtures.tenant(tenants, Map.of(ProtectionSettings.NUMBER_PER_HOUR, "100",
        ProtectionSettings.NUMBER_PER_DAY, "100")).key());
    String number = Fixtures.mobile();

    Run first = attack(api, number);
    System.out.println("Brute force: " + first.guesses() + " parallel wrong checks over " + VERIFICATIONS
        + " verifications of one number → " + first.comparisons() + " comparisons (caps: 5 per verification, "
        + NUMBER_CAP + " per number and window)");
    assertThat(first.comparisons()).isPositive().isLessThanOrEqualTo(NUMBER_CAP);
    assertThat(first.lockedResponses()).isNotEmpty();
    long firstWait = first.longestRetryAfter();
    assertThat(firstWait).isBetween(WINDOW_SECONDS - 60, WINDOW_SECONDS + 5);

    clock.advance(Duration.ofSeconds(firstWait + 1));
    Run second = attack(api, number);
    System.out.println("Brute force after the first lockout → " + second.comparisons() + " more comparisons");
    assertThat(second.comparisons()).isPositive().isLessThanOrEqualTo(NUMBER_CAP);
    assertThat(second.longestRetryAfter()).as("the second lockout is twice as long")
        .isBetween(2 * WINDOW_SECONDS - 60, 2 * WINDOW_SECONDS + 5);

    // even the right code waits while the number is locked: a lockout does not depend on who asks
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    String code = channels.lastFor(id).code();
    Api.Response locked = api.post("/v1/verifications/" + id + "/check", Map.of("code", code));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().get("type").asString()).endsWith("/number-locked");

    clock.advance(Duration.ofSeconds(2 * WINDOW_SECONDS + 1));
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("status").asString())
        .isIn("approved", "expired");
  }

  record Run(int guesses, long comparisons, List<Api.Response> lockedResponses) {
    long longestRetryAfter() {
      return lockedResponses.stream().mapToLong(r -> Long.parseLong(r.header("Retry-After"))).max().orElse(0);
    }
  }

  private Run attack(Api api, String number) throws Exception {
    double before = comparisons();
    List<Api.Response> responses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GUESSES);
    try {
      for (int v = 0; v < VERIFICATIONS; v++) {
        String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
        String code = channels.lastFor(id).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        List<Callable<Api.Response>> guesses = new ArrayList<>();
        for (int i = 0; i < PARALLEL_GUESSES; i++) {
          guesses.add(() -> api.post("/v1/verifications/" + id + "/check", Map.of("code", wrong)));
        }
        for (Future<Api.Response> future : pool.invokeAll(guesses)) {
          responses.add(future.get());
        }
      }
    } finally {
      pool.shutdown();
    }
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 429));
    List<Api.Response> locked = responses.stream().filter(r -> r.status() == 429).toList();
    assertThat(locked).allSatisfy(r -> assertThat(r.json().get("type").asString()).endsWith("/number-locked"));
    return new Run(responses.size(), (long) (comparisons() - before), locked);
  }

  private double comparisons() {
    var counter = meters.find("kodama.checks").tag("outcome", "wrong").counter();
    return counter == null ? 0 : counter.count();
  }
}
