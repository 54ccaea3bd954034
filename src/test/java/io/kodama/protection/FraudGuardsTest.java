package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.Channel;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@KodamaTest
class FraudGuardsTest {

  static final String ADMIN = "adm_test_token_0123456789abcdef";

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired MutableClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired SpendCounter spend;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void sendsOnlyToTheTenantsOwnCountryByDefault() {
    Api api = api(Map.of());
    Api.Response refused = api.post("/v1/verifications", Map.of("to", "+12025550143"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("type").asString()).endsWith("/country-not-allowed");
    assertThat(refused.json().get("country").asString()).isEqualTo("US");
    assertThat(refused.json().get("channel").asString()).isEqualTo("sms");

    Api allowing = api(Map.of(ProtectionSettings.SMS_COUNTRIES, "JP,US"));
    assertThat(allowing.post("/v1/verifications", Map.of("to", "+12025550143")).status()).isEqualTo(201);
  }

  @Test
  void keepsSeparateCountryListsForSmsAndVoice() {
    Api api = api(Map.of(ProtectionSettings.VOICE_COUNTRIES, "none"));
    Api.Response call = api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "channel", "voice"));
    assertThat(call.status()).isEqualTo(422);
    assertThat(call.json().get("type").asString()).endsWith("/country-not-allowed");
    assertThat(call.json().get("channel").asString()).isEqualTo("voice");

    // an SMS that fails does not fall back to a call the tenant does not allow
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "undelivered");
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    JsonNode done = Recorded.awaitVerification(api, id, Recorded.attemptsFinal(1));
    assertThat(done.get("attempts")).hasSize(1);
    assertThat(done.get("attempts").get(0).get("status").asString()).isEqualTo("undelivered");
    assertThat(channels.allFor(id)).extracting(t -> t.attemptId()).hasSize(1);
  }

  @Test
  void blocksARangeWhoseTrafficSpikesWithoutConversionAndItCostsNoFurtherSms() {
    Map<String, String> settings = Map.of(ProtectionSettings.PUMPING_MIN_SENDS, "5",
        ProtectionSettings.PUMPING_MIN_CONVERSION_PERCENT, "10");
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants, settings);
    Api api = new Api(port, tenant.key());
    String base = Fixtures.mobile();
    List<String> ids = new ArrayList<>();
    try (Recorded recorded = Recorded.events(context)) {
      for (int i = 1; i <= 5; i++) {
        Api.Response started = api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, i)));
        assertThat(started.status()).isEqualTo(201);
        ids.add(started.json().get("id").asString());
      }
      String firstId = ids.get(0);
      // every SMS delivered before the clock moves past the receipt timeout: an SMS still in flight
      // then would fall back to a call before the block exists
      ids.forEach(channels::lastFor);
      clock.advance(Duration.ofSeconds(31));
      int attemptsBefore = attempts(tenant);

      Api.Response blocked = api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, 6)));
      assertThat(blocked.status()).isEqualTo(422);
      assertThat(blocked.json().get("type").asString()).endsWith("/destination-blocked");
      assertThat(blocked.body()).doesNotContain(base.substring(3));
      Api.Response resend = api.post("/v1/verifications/" + firstId + "/resend", Map.of());
      assertThat(resend.json().get("type").asString()).endsWith("/destination-blocked");
      assertThat(attempts(tenant)).as("no further SMS").isEqualTo(attemptsBefore);
      assertThat(channels.countFor(firstId)).isEqualTo(1);
      assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status())
          .as("other ranges still work").isEqualTo(201);

      assertThat(recorded.of(ProtectionBlocked.class)).singleElement().satisfies(event -> {
        assertThat(event.tenantId()).isEqualTo(tenant.tenant().id());
        assertThat(event.scope()).isEqualTo("prefix");
        assertThat(event.sends()).isEqualTo(5);
        assertThat(event.approvals()).isZero();
      });
      clock.advance(Duration.ofSeconds(2)); // polling shows events once they are older than the settle time
      JsonNode events = api.get("/v1/events?type=protection.blocked").json().get("data");
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("data").get("scope").asString()).isEqualTo("prefix");
      assertThat(events.toString()).doesNotContain(base.substring(3, 9));
    }

    Api admin = api.as(ADMIN);
    JsonNode blocks = admin.get("/admin/v1/protection/blocks?tenantId=" + tenant.tenant().id()).json().get("data");
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).get("active").asBoolean()).isTrue();
    assertThat(api.get("/admin/v1/protection/blocks").status()).as("tenants cannot list blocks").isEqualTo(401);

    JsonNode lifted = admin.post("/admin/v1/protection/blocks/" + blocks.get(0).get("id").asString() + "/lift", null).json();
    assertThat(lifted.get("active").asBoolean()).isFalse();
    assertThat(lifted.get("liftedAt").isNull()).isFalse();
    assertThat(api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, 7))).status()).isEqualTo(201);
  }

  @Test
  void doesNotBlockARangeWhoseCodesAreUsed() {
    Api api = api(Map.of(ProtectionSettings.PUMPING_MIN_SENDS, "3"));
    String base = Fixtures.mobile();
    for (int i = 1; i <= 4; i++) {
      String id = api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, i))).json().get("id").asString();
      String code = channels.lastFor(id).code();
      assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
          .isTrue();
    }
    assertThat(api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, 5))).status()).isEqualTo(201);
  }

  @Test
  void judgesARangeOnItsLatestSendsNotOnAnHourOfGoodHistory() {
    Api api = api(Map.of(ProtectionSettings.PUMPING_MIN_SENDS, "2"));
    String base = Fixtures.mobile();
    int judged = PumpingGuard.JUDGED_SENDS_PER_MIN_SEND * 2;
    int n = 0;
    for (int i = 0; i < judged + 5; i++) { // codes used: a range that converts well
      String id = api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, ++n))).json().get("id").asString();
      assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", channels.lastFor(id).code())).status())
          .isEqualTo(200);
    }
    // a minute later nothing converts: blocked once the latest minute alone holds the judged number of
    // sends, fewer than 10 % of them converted, although more than half of the window's sends did
    clock.advance(Duration.ofSeconds(61));
    for (int i = 0; i < judged; i++) {
      assertThat(api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, ++n))).status())
          .as("send %d without conversion", i + 1).isEqualTo(201);
    }
    Api.Response blocked = api.post("/v1/verifications", Map.of("to", Recorded.sameRange(base, ++n)));
    assertThat(blocked.status()).isEqualTo(422);
    assertThat(blocked.json().get("type").asString()).endsWith("/destination-blocked");
  }

  @Test
  void blocksAForeignCountryWhoseTrafficDoesNotConvert() {
    Api api = api(Map.of(ProtectionSettings.SMS_COUNTRIES, "*", ProtectionSettings.PUMPING_COUNTRY_MIN_SENDS, "3"));
    for (String number : new String[] {"+12025550143", "+12125550143", "+13125550143"}) {
      assertThat(api.post("/v1/verifications", Map.of("to", number)).status()).isEqualTo(201);
    }
    Api.Response blocked = api.post("/v1/verifications", Map.of("to", "+14155550143"));
    assertThat(blocked.json().get("type").asString()).endsWith("/destination-blocked");
    assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status())
        .as("the home country is never blocked as a whole").isEqualTo(201);
  }

  @Test
  void capsTheDailySpendPerChannel() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants,
        Map.of(ProtectionSettings.SMS_PER_DAY, "2", ProtectionSettings.CALLS_PER_DAY, "1"));
    Api api = new Api(port, tenant.key());
    assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status()).isEqualTo(201);
    assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status()).isEqualTo(201);
    Api.Response capped = api.post("/v1/verifications", Map.of("to", Fixtures.mobile()));
    assertThat(capped.status()).isEqualTo(429);
    assertThat(capped.json().get("type").asString()).endsWith("/spend-cap-reached");
    assertThat(capped.json().get("channel").asString()).isEqualTo("sms");
    assertThat(Long.parseLong(capped.header("Retry-After"))).isBetween(1L, 86_400L);

    // the counts are written by a background flush; written or not, the cap holds
    spend.flush();
    assertThat(jdbc.queryForObject("select units from protection_spend where tenant_id = ? and channel = 'sms'",
        Long.class, tenant.tenant().id())).isEqualTo(2);
    assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status()).isEqualTo(429);

    assertThat(api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "channel", "voice")).status()).isEqualTo(201);
    Api.Response callsCapped = api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "channel", "voice"));
    assertThat(callsCapped.json().get("type").asString()).endsWith("/spend-cap-reached");
    assertThat(callsCapped.json().get("channel").asString()).isEqualTo("voice");
  }

  @Test
  void refusesUnknownOrBadProtectionSettings() {
    Api admin = new Api(port, ADMIN);
    Api.Response bad = admin.post("/admin/v1/tenants", Map.of("name", "Bad", "settings",
        Map.of(ProtectionSettings.NUMBER_PER_HOUR, "0", ProtectionSettings.SMS_COUNTRIES, "JP,XX",
            "protection.rate.number-per-week", "3")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").toString())
        .contains(ProtectionSettings.NUMBER_PER_HOUR, "'XX'", "unknown setting 'protection.rate.number-per-week'");
  }

  private Api api(Map<String, String> settings) {
    return new Api(port, Fixtures.tenant(tenants, settings).key());
  }

  private int attempts(Fixtures.TestTenant tenant) {
    return jdbc.queryForObject("select count(*) from delivery_attempts where tenant_id = ?", Integer.class,
        tenant.tenant().id());
  }
}
