package io.kodama.voice.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestTest {

  @Test
  void computesTheRfc2617ExampleResponse() {
    // RFC 2617 §3.5 (HTTP GET, qop=auth)
    String response = Digest.response(new SipCredentials("Mufasa", "Circle Of Life"),
        "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html",
        "auth", "00000001", "0a4f113b");

    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void parsesQuotedAndBareParameters() {
    Map<String, String> params = Digest.params(
        "Digest realm=\"sip.example.jp\", nonce=\"a,b\", algorithm=MD5, qop=\"auth,auth-int\"");

    assertThat(params).containsEntry("realm", "sip.example.jp").containsEntry("nonce", "a,b")
        .containsEntry("algorithm", "MD5").containsEntry("qop", "auth,auth-int");
  }

  @Test
  void authorizationItBuildsVerifiesWithTheSameCredentialsOnly() {
    SipCredentials right = new SipCredentials("kodama", "s3cret");
    Map<String, String> challenge = Map.of("realm", "r", "nonce", "n1", "qop", "auth");
    String header = Digest.authorization(challenge, right, "INVITE", "sip:+81355500000@r");

    assertThat(Digest.verify(Digest.params(header), right, "r", "INVITE")).isTrue();
    assertThat(Digest.verify(Digest.params(header), new SipCredentials("kodama", "x"), "r", "INVITE"))
        .isFalse();
  }
}
