package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.Channel;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

@KodamaTest
class StaleNumbersTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void marksANumberUnreachableAfterRepeatedNonDeliveryOnBothChannelsAndTellsTheTenant() {
    Fixtures.TestTenant tenant = Fixtures.tenant(tenants);
    Api api = new Api(port, tenant.key());
    String number = Fixtures.mobile();
    channels.outcome(Channel.SMS, number, "undelivered");
    channels.outcome(Channel.VOICE, number, "no_answer");

    try (Recorded recorded = Recorded.events(context)) {
      String first = startAndAwait(api, number);
      assertThat(status(api, number).get("status").asString()).as("one failure per channel is not enough")
          .isEqualTo("reachable");
      startAndAwait(api, number);

      JsonNode status = status(api, number);
      assertThat(status.get("status").asString()).isEqualTo("unreachable");
      assertThat(status.get("smsFailures").asInt()).isEqualTo(2);
      assertThat(status.get("voiceFailures").asInt()).isEqualTo(2);
      assertThat(status.get("to").asString()).contains("*");
      assertThat(recorded.of(NumberReachabilityChanged.class)).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo("number.unreachable");
        assertThat(event.tenantId()).isEqualTo(tenant.tenant().id());
        assertThat(event.to()).isEqualTo(status.get("to").asString());
        assertThat(event.verificationId()).isNotEqualTo(first);
      });

      Api other = new Api(port, Fixtures.tenant(tenants).key());
      assertThat(status(other, number).get("status").asString()).as("another tenant's view").isEqualTo("reachable");

      channels.outcome(Channel.VOICE, number, "completed");
      startAndAwait(api, number);
      assertThat(status(api, number).get("status").asString()).isEqualTo("reachable");
      assertThat(recorded.of(NumberReachabilityChanged.class)).extracting(NumberReachabilityChanged::type)
          .containsExactly("number.unreachable", "number.reachable");
    }
  }

  private static String startAndAwait(Api api, String number) {
    String id = api.post("/v1/verifications", Map.of("to", number)).json().get("id").asString();
    // an auto verification: the SMS fails, then the call; the second time the call comes first
    Recorded.awaitVerification(api, id, body -> Recorded.attemptsFinal(1).test(body)
        && body.get("attempts").get(body.get("attempts").size() - 1).get("channel").asString().equals("voice"));
    return id;
  }

  private static JsonNode status(Api api, String number) {
    Api.Response response = api.get("/v1/numbers/" + number + "/status");
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }
}
