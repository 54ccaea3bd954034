package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** One member per phone. */
@KodamaTest
class PhoneBindingsTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired JdbcTemplate jdbc;

  @Test
  void refusesASecondMembersSignupWithABoundNumberUntilTheBindingIsReleased() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants, Map.of(ProtectionSettings.ONE_MEMBER_PER_PHONE, "true"));
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    signUp(api, number, "member-1");

    JsonNode bindings = api.get("/v1/phone-bindings").json().get("data");
    assertThat(bindings).hasSize(1);
    assertThat(bindings.get(0).get("externalRef").asString()).isEqualTo("member-1");
    assertThat(bindings.get(0).get("to").asString()).endsWith(number.substring(number.length() - 4)).contains("*");

    Api.Response second = start(api, number, "member-2");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().get("type").asString()).isEqualTo("https://kodama.dev/problems/phone-already-bound");
    assertThat(start(api, number, "member-1").status()).as("the same member signs up again").isEqualTo(201);
    assertThat(api.post("/v1/verifications", Map.of("to", number, "externalRef", "member-2")).status())
        .as("a login is not a signup").isEqualTo(201);

    String bindingId = bindings.get(0).get("id").asString();
    assertThat(api.delete("/v1/phone-bindings/" + bindingId).status()).isEqualTo(204);
    assertThat(api.get("/v1/phone-bindings?to=" + number).json().get("data")).isEmpty();
    signUp(api, number, "member-2");
    assertThat(api.get("/v1/phone-bindings?externalRef=member-2").json().get("data")).hasSize(1);
  }

  @Test
  void keepsOnlyAKeyedHashOfTheNumberWhenTheTenantAsks() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants, Map.of(ProtectionSettings.ONE_MEMBER_PER_PHONE, "true",
        ProtectionSettings.HASH_NUMBERS, "true"));
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    signUp(api, number, "member-1");

    String stored = jdbc.queryForObject("select number_key from phone_bindings where tenant_id = ?", String.class,
        tenant.tenant().id());
    assertThat(stored).startsWith("h:").doesNotContain(number.substring(1)).doesNotContain(number.substring(3));
    JsonNode found = api.get("/v1/phone-bindings?to=" + number.replace("+81", "0")).json().get("data");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("to").isNull()).isTrue();
    assertThat(start(api, number, "member-2").status()).isEqualTo(409);
  }

  @Test
  void bindingsBelongToOneTenant() {
    Map<String, String> settings = Map.of(ProtectionSettings.ONE_MEMBER_PER_PHONE, "true");
    Api first = new Api(port, Fixtures.tenant(tenants, settings).key());
    Api second = new Api(port, Fixtures.tenant(tenants, settings).key());
    String number = Fixtures.mobile();
    signUp(first, number, "member-1");
    String bindingId = first.get("/v1/phone-bindings").json().get("data").get(0).get("id").asString();

    assertThat(second.get("/v1/phone-bindings").json().get("data")).isEmpty();
    assertThat(second.delete("/v1/phone-bindings/" + bindingId).status()).isEqualTo(404);
    assertThat(start(second, number, "someone-else").status()).isEqualTo(201);
  }

  @Test
  void bindsNothingWhenTheTenantDidNotAsk() {
    Api api = new Api(port, Fixtures.tenant(tenants).key());
    String number = Fixtures.mobile();
    signUp(api, number, "member-1");
    assertThat(api.get("/v1/phone-bindings").json().get("data")).isEmpty();
    assertThat(start(api, number, "member-2").status()).isEqualTo(201);
  }

  private void signUp(Api api, String number, String member) {
    Api.Response started = start(api, number, member);
    assertThat(started.status()).isEqualTo(201);
    String id = started.json().get("id").asString();
    String code = channels.lastFor(id).code();
    assertThat(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)).json().get("valid").asBoolean())
        .isTrue();
  }

  private static Api.Response start(Api api, String number, String member) {
    return api.post("/v1/verifications", Map.of("to", number, "purpose", "signup", "externalRef", member));
  }
}
