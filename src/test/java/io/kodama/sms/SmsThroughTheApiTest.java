package io.kodama.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** API → SMPP → SMSC simulator → delivery receipt → attempt status, over the real wire. */
@KodamaTest
class SmsThroughTheApiTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired SmscSimulator smsc;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port, Fixtures.e2eTenant(tenants, Map.of()).key());
  }

  @ParameterizedTest(name = "…{0} → {1} {2}")
  @CsvSource(nullValues = "null", value = {
      "5678, delivered,   null",
      "5901, undelivered, UNDELIV:001",
      "5902, undelivered, REJECTD:013",
      "5903, undelivered, EXPIRED:027",
      "5907, failed,      ESME_RINVDSTADR",
      "5908, delivered,   null",
      "5909, delivered,   null",
      "5910, delivered,   null",
  })
  void theAttemptFollowsTheReceipt(String last4, String status, String reason) {
    String number = Fixtures.mobile().substring(0, 9) + last4;
    String id = api.post("/v1/verifications", Map.of("to", number, "channel", "sms")).json().get("id").asString();

    JsonNode attempt = api.awaitAttempts(id, a -> a.get(0).get("status").asString().equals(status)).get(0);
    assertThat(attempt.get("reason").isNull() ? null : attempt.get("reason").asString()).isEqualTo(reason);
    if (!"failed".equals(status)) {
      assertThat(attempt.get("detail").get("smscMessageId").asString()).isNotBlank();
      String text = smsc.inbox(number).get(smsc.inbox(number).size() - 1).text();
      assertThat(text).startsWith("【Kodama Bank】認証コード: ").contains("分間有効");
    }
  }
}
