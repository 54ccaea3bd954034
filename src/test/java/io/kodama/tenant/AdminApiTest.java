package io.kodama.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

@KodamaTest
class AdminApiTest {

  static final String ADMIN = "adm_test_token_0123456789abcdef";

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  @Test
  void operatorCreatesATenantAndAKeyThatWorksUntilRevoked() {
    Api admin = new Api(port, ADMIN);
    Api.Response created = admin.post("/admin/v1/tenants",
        Map.of("name", "Acme Pay", "brand", "Acme", "settings", Map.of("verification.code-length", "8")));
    assertThat(created.status()).isEqualTo(201);
    String tenantId = created.json().get("id").asString();
    assertThat(created.json().get("region").asString()).isEqualTo("JP");
    assertThat(created.json().get("locale").asString()).isEqualTo("ja");

    JsonNode key = admin.post("/admin/v1/tenants/" + tenantId + "/keys", Map.of("name", "backend")).json();
    String secret = key.get("key").asString();
    assertThat(secret).startsWith("kdm_").hasSizeGreaterThan(40);

    Api client = new Api(port, secret);
    assertThat(client.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status()).isEqualTo(201);

    JsonNode listed = admin.get("/admin/v1/tenants/" + tenantId + "/keys").json();
    assertThat(listed.toString()).doesNotContain(secret).contains(key.get("prefix").asString());

    assertThat(admin.delete("/admin/v1/tenants/" + tenantId + "/keys/" + key.get("id").asString()).status())
        .isEqualTo(204);
    assertThat(client.post("/v1/verifications", Map.of("to", Fixtures.mobile())).status()).isEqualTo(401);
  }

  @Test
  void aKeyRevokedByAnotherNodeStopsWorkingWithinTheCacheTime() {
    Api admin = new Api(port, ADMIN);
    String tenantId = admin.post("/admin/v1/tenants", Map.of("name", "Cache Co")).json().get("id").asString();
    String secret = admin.post("/admin/v1/tenants/" + tenantId + "/keys", Map.of()).json().get("key").asString();
    assertThat(tenants.authenticate(secret)).isPresent();

    // another node revokes it: this node's cached tenant serves until the cache time has passed
    jdbc.update("update api_keys set revoked_at = created_at where tenant_id = ?", tenantId);
    assertThat(tenants.authenticate(secret)).isPresent();
    clock.advance(Tenants.CACHED_FOR);
    assertThat(tenants.authenticate(secret)).isEmpty();
  }

  @Test
  void refusesUnknownSettingsAndBadValuesByName() {
    Api admin = new Api(port, ADMIN);
    String tenantId = admin.post("/admin/v1/tenants", Map.of("name", "Settings Co")).json().get("id").asString();
    Api.Response bad = admin.patch("/admin/v1/tenants/" + tenantId,
        Map.of("settings", Map.of("verification.code-length", "12", "no.such.setting", "1")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asString()).contains("verification.code-length").contains("no.such.setting");
  }

  @Test
  void refusesTheAdminApiWithoutTheAdminToken() {
    assertThat(new Api(port, null).get("/admin/v1/tenants").status()).isEqualTo(401);
    assertThat(new Api(port, Fixtures.tenant(tenants).key()).get("/admin/v1/tenants").status()).isEqualTo(401);
  }

  @Test
  void commandLineCreatesTenantsAndKeys() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AdminCli cli = new AdminCli(tenants);
    int status = cli.run(new String[] {"tenant", "create", "--name", "CLI Co", "--brand", "CLI"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    String key = printed.lines().filter(l -> l.startsWith("api key ")).findFirst().orElseThrow().split("\\s+")[2];
    assertThat(tenants.authenticate(key)).map(Tenant::name).contains("CLI Co");

    assertThat(cli.run(new String[] {"key", "create"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--tenant is required");
    assertThat(cli.run(new String[] {"tenant", "explode"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }
}
