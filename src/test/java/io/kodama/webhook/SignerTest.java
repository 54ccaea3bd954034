package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignerTest {

  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long SPEC_TIMESTAMP = 1614265330L;
  private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";

  @Test
  void signsTheStandardWebhooksTestVector() {
    String signature = Signer.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void agreesWithTheIndependentLibraryOnOtherInput() throws Exception {
    String secret = Signer.newSecret();
    String body = "{\"type\":\"sms.delivered\",\"data\":{\"to\":\"+81 90-****-5678\",\"note\":\"認証\"}}";

    String ours = Signer.sign(secret, "evt_01J", 1700000000L, body.getBytes(StandardCharsets.UTF_8));

    assertThat(ours).isEqualTo(new Webhook(secret).sign("evt_01J", 1700000000L, body));
  }

  @Test
  void headerCarriesOneSignaturePerSecretSeparatedBySpaces() {
    byte[] body = SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8);
    String other = Signer.newSecret();

    String header = Signer.header(List.of(other, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, body);

    assertThat(header.split(" ")).containsExactly(
        Signer.sign(other, SPEC_ID, SPEC_TIMESTAMP, body), "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void newSecretsAreWhsecWith32RandomBytes() {
    String first = Signer.newSecret();
    String second = Signer.newSecret();

    assertThat(first).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void refusesASecretWithoutThePrefix() {
    assertThatThrownBy(() -> Signer.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("MfKQ9r8");
  }
}
