package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KodamaTest
class RateLimitsTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired MutableClock clock;

  @Test
  void limitsSendsPerNumberPerHourAndPerDay() {
    Api api = api(Map.of(ProtectionSettings.NUMBER_PER_HOUR, "2", ProtectionSettings.NUMBER_PER_DAY, "3"));
    String number = Fixtures.mobile();
    assertThat(start(api, number).status()).isEqualTo(201);
    assertThat(start(api, number).status()).isEqualTo(201);

    Api.Response hourly = start(api, number);
    assertRateLimited(hourly, "number");
    assertThat(Long.parseLong(hourly.header("Retry-After"))).isBetween(1L, 3600L);

    clock.advance(Duration.ofHours(1));
    assertThat(start(api, number).status()).isEqualTo(201);
    Api.Response daily = start(api, number);
    assertRateLimited(daily, "number");
    assertThat(Long.parseLong(daily.header("Retry-After"))).isGreaterThan(3600L);
    assertThat(start(api, Fixtures.mobile()).status()).isEqualTo(201);
  }

  @Test
  void limitsSendsPerTenantPerSecond() throws Exception {
    Api api = api(Map.of(ProtectionSettings.TENANT_PER_SECOND, "2"));
    List<Api.Response> responses = Api.parallel(12, () -> start(api, Fixtures.mobile()));

    List<Api.Response> refused = responses.stream().filter(r -> r.status() == 429).toList();
    assertThat(refused).isNotEmpty().allSatisfy(r -> assertRateLimited(r, "tenant"));
    assertThat(responses).extracting(Api.Response::status).containsOnly(201, 429).contains(201);
  }

  @Test
  void limitsSendsPerClientIpWhenTheClientPassesIt() {
    Api api = api(Map.of(ProtectionSettings.CLIENT_IP_PER_HOUR, "2"));
    assertThat(start(api, Fixtures.mobile(), "203.0.113.7").status()).isEqualTo(201);
    assertThat(start(api, Fixtures.mobile(), "203.0.113.7").status()).isEqualTo(201);
    assertRateLimited(start(api, Fixtures.mobile(), "203.0.113.7"), "client-ip");

    assertThat(start(api, Fixtures.mobile(), "203.0.113.8").status()).isEqualTo(201);
    assertThat(start(api, Fixtures.mobile()).status()).as("no IP, no IP limit").isEqualTo(201);
  }

  @Test
  void countsAnIpv6NetworkAsOneClient() {
    Api api = api(Map.of(ProtectionSettings.CLIENT_IP_PER_HOUR, "1"));
    assertThat(start(api, Fixtures.mobile(), "2001:db8:1:2::10").status()).isEqualTo(201);
    assertRateLimited(start(api, Fixtures.mobile(), "2001:db8:1:2:ffff::99"), "client-ip");
    assertThat(start(api, Fixtures.mobile(), "2001:db8:1:3::10").status()).isEqualTo(201);
  }

  @Test
  void refusesAClientIpThatIsNotAnAddress() {
    Api api = api(Map.of());
    Api.Response response = start(api, Fixtures.mobile(), "example.com");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).endsWith("/validation");
    assertThat(response.json().get("field").asString()).isEqualTo("clientIp");
  }

  @Test
  void limitsSendsPerNumberRange() {
    Api api = api(Map.of(ProtectionSettings.PREFIX_PER_HOUR, "3"));
    String base = Fixtures.mobile();
    for (int i = 1; i <= 3; i++) {
      assertThat(start(api, Recorded.sameRange(base, i)).status()).isEqualTo(201);
    }
    assertRateLimited(start(api, Recorded.sameRange(base, 4)), "prefix");
  }

  @Test
  void limitsResendsToo() {
    Api api = api(Map.of(ProtectionSettings.NUMBER_PER_HOUR, "1"));
    String id = start(api, Fixtures.mobile()).json().get("id").asString();
    clock.advance(Duration.ofSeconds(31));
    assertRateLimited(api.post("/v1/verifications/" + id + "/resend", Map.of()), "number");
  }

  private Api api(Map<String, String> settings) {
    return new Api(port, Fixtures.tenant(tenants, settings).key());
  }

  private static Api.Response start(Api api, String number) {
    return api.post("/v1/verifications", Map.of("to", number));
  }

  private static Api.Response start(Api api, String number, String clientIp) {
    return api.post("/v1/verifications", Map.of("to", number, "clientIp", clientIp));
  }

  private static void assertRateLimited(Api.Response response, String limit) {
    assertThat(response.status()).isEqualTo(429);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://kodama.dev/problems/rate-limited");
    assertThat(response.json().get("limit").asString()).isEqualTo(limit);
    assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
  }
}
