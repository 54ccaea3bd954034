package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

@KodamaTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;

  @Test
  void neitherCodesNorKeysNorFullNumbersAppearInTheLog(CapturedOutput output) {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    String code = channels.lastFor(id).code();
    api.post("/v1/verifications/" + id + "/check", Map.of("code", code.equals("0000000") ? "1111111" : "0000000"));
    api.post("/v1/verifications/" + id + "/check", Map.of("code", code));
    api.as(tenant.key() + "x").get("/v1/verifications/" + id);
    api.post("/v1/verifications", "{\"to\": \"" + number + "\", \"codeLength\": \"" + code + "\"}");

    String log = output.getAll();
    assertThat(log).contains(id);
    assertThat(log).doesNotContain(tenant.key()).doesNotContain(tenant.key().substring(12));
    assertThat(log).doesNotContain(number).doesNotContain(number.substring(3));
    assertThat(log).doesNotContainPattern("(?<![0-9A-Za-z])" + code + "(?![0-9])");
  }
}
