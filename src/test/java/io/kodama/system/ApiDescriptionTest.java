package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Api;
import io.kodama.support.KodamaTest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The served OpenAPI document describes every API operation the application really has. */
@KodamaTest
class ApiDescriptionTest {

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void servesOpenApi31DescribingEveryOperation() {
    Api.Response response = new Api(port, null).get("/v3/api-docs");
    assertThat(response.status()).isEqualTo(200);
    JsonNode doc = response.json();
    assertThat(doc.get("openapi").asString()).startsWith("3.1");

    Set<String> described = new HashSet<>();
    doc.get("paths").properties().forEach(path -> path.getValue().properties()
        .forEach(op -> described.add(op.getKey().toUpperCase() + " " + path.getKey())));
    Set<String> actual = new HashSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      for (String pattern : info.getPatternValues()) {
        if (pattern.startsWith("/v1/") || pattern.startsWith("/admin/v1/")) {
          info.getMethodsCondition().getMethods().forEach(m -> actual.add(m.name() + " " + pattern));
        }
      }
    });
    assertThat(actual).isNotEmpty().contains("POST /v1/verifications", "POST /v1/verifications/{id}/check");
    assertThat(described).containsAll(actual);
    assertThat(doc.get("components").get("securitySchemes").has("apiKey")).isTrue();
  }

  @Test
  void exposesHealthProbesAndPrometheusMetrics() {
    Api anonymous = new Api(port, null);
    assertThat(anonymous.get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
    assertThat(anonymous.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
    Api.Response metrics = anonymous.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("kodama_verifications_total");
  }
}
