package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input of every kind gets a problem+json with a stable type, never a 500. */
@KodamaTest
class ProblemResponsesTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired DataSource dataSource;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port, Fixtures.tenant(tenants).key());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON           | {\"to\": \"090\"                                  | 400 | malformed-json",
      "not an object            | [1,2,3]                                          | 400 | validation",
      "wrong type               | {\"to\": \"09012345678\", \"codeLength\": \"six\"} | 400 | validation",
      "number as object         | {\"to\": {\"a\": 1}}                             | 400 | validation",
      "unknown field            | {\"to\": \"09012345678\", \"chanel\": \"sms\"}   | 400 | unknown-field",
      "missing to               | {}                                               | 400 | validation",
      "code length out of range | {\"to\": \"09012345678\", \"codeLength\": 12}    | 400 | validation",
      "ttl out of range         | {\"to\": \"09012345678\", \"ttlSeconds\": 5}     | 400 | validation",
      "unknown channel          | {\"to\": \"09012345678\", \"channel\": \"fax\"}  | 400 | validation",
      "invalid number           | {\"to\": \"12345\"}                              | 400 | invalid-number",
      "letters as number        | {\"to\": \"call me maybe\"}                      | 400 | invalid-number",
      "empty body               | ''                                               | 400 | malformed-json",
  })
  void answersBadStartRequestsWithAProblem(String name, String body, int status, String type) {
    Api.Response response = api.post("/v1/verifications", body);
    assertProblem(response, status, type);
  }

  @Test
  void refusesAHugeBody() {
    String huge = "{\"to\": \"09012345678\", \"externalRef\": \"" + "x".repeat(200_000) + "\"}";
    assertProblem(api.post("/v1/verifications", huge), 413, "body-too-large");
  }

  @Test
  void refusesAHugeChunkedBody() {
    byte[] chunk = ("{\"to\": \"09012345678\", \"externalRef\": \"" + "x".repeat(200_000) + "\"}").getBytes();
    HttpRequest request = api.builder("/v1/verifications")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)))
        .build();
    assertProblem(api.send(request), 413, "body-too-large");
  }

  @Test
  void refusesAnotherContentType() {
    HttpRequest request = api.builder("/v1/verifications").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("to=09012345678")).build();
    assertProblem(api.send(request), 415, "unsupported-media-type");
  }

  @Test
  void refusesRequestsWithoutAValidKey() {
    Api.Response none = api.as(null).get("/v1/verifications/vrf_x");
    assertProblem(none, 401, "unauthorized");
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(api.as("kdm_notakey").get("/v1/verifications/vrf_x"), 401, "unauthorized");
    assertProblem(api.as("adm_test_token_0123456789abcdef").get("/v1/verifications/vrf_x"), 401, "unauthorized");
  }

  @Test
  void answersUnknownIdsAndPathsWithNotFound() {
    assertProblem(api.get("/v1/verifications/vrf_nope"), 404, "not-found");
    assertProblem(api.post("/v1/verifications/vrf_nope/check", Map.of("code", "123456")), 404, "not-found");
    assertProblem(api.get("/v1/nothing-here"), 404, "not-found");
  }

  @Test
  void answersAWrongMethod() {
    assertProblem(api.send(api.builder("/v1/verifications").PUT(HttpRequest.BodyPublishers.ofString("{}"))
        .header("Content-Type", "application/json").build()), 405, "method-not-allowed");
  }

  @Test
  void checksValidateTheirBody() {
    assertProblem(api.post("/v1/verifications/vrf_x/check", Map.of("code", "")), 400, "validation");
    assertProblem(api.post("/v1/verifications/vrf_x/check", "{\"code\": 123456, \"extra\": 1}"), 400, "unknown-field");
  }

  /** More requests than connections (seen under an overload): 503 with Retry-After, not a 500. */
  @Test
  void answersBusyWhenNoDatabaseConnectionComesFree() throws Exception {
    api.get("/v1/verifications/vrf_warm"); // the key is known before the pool runs dry
    HikariDataSource pool = (HikariDataSource) dataSource;
    List<Connection> taken = new ArrayList<>();
    Api.Response response;
    try {
      while (taken.size() < pool.getMaximumPoolSize()) {
        taken.add(pool.getConnection());
      }
      response = api.post("/v1/verifications", Map.of("to", "090-1234-5678"));
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
    assertProblem(response, 503, "busy");
    assertThat(response.header("Retry-After")).isEqualTo("1");
  }

  private static void assertProblem(Api.Response response, int status, String type) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("https://kodama.dev/problems/" + type);
    assertThat(response.json().get("title").asString()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.kodama");
  }
}
