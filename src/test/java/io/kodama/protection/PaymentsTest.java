package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.support.TestChannels;
import io.kodama.tenant.Tenants;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Dynamic linking: a transaction's code is bound to its amount and payee. */
@KodamaTest
class PaymentsTest {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestChannels channels;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port, Fixtures.tenant(tenants).key());
  }

  @Test
  void aTransferCheckedWithAnotherAmountOrPayeeFailsAndWithTheSamePasses() {
    String id = transfer("50000", "JPY", "ACME Shop");
    String code = channels.lastFor(id).code();

    JsonNode otherAmount = check(id, Map.of("code", code, "amount", "500000", "payee", "ACME Shop"));
    JsonNode otherPayee = check(id, Map.of("code", code, "amount", "50000", "payee", "ACME Sh0p"));
    JsonNode otherCurrency = check(id, Map.of("code", code, "amount", "50000", "currency", "USD", "payee", "ACME Shop"));
    for (JsonNode failed : new JsonNode[] {otherAmount, otherPayee, otherCurrency}) {
      assertThat(failed.get("valid").asBoolean()).isFalse();
      assertThat(failed.get("reason").asString()).as("does not say which part differs").isEqualTo("wrong_code");
    }

    JsonNode same = check(id, Map.of("code", code, "amount", "50000.00", "payee", " ＡＣＭＥ  Shop "));
    assertThat(same.get("valid").asBoolean()).isTrue();
    assertThat(same.get("status").asString()).isEqualTo("approved");
  }

  @Test
  void storesTheTransactionAndGivesItToTheChannels() {
    String id = transfer("50000", "jpy", "ACME Shop");
    JsonNode read = api.get("/v1/verifications/" + id).json();
    assertThat(read.get("purpose").asString()).isEqualTo("transaction");
    assertThat(read.get("transaction").get("amount").asString()).isEqualTo("50000");
    assertThat(read.get("transaction").get("currency").asString()).isEqualTo("JPY");
    assertThat(read.get("transaction").get("payee").asString()).isEqualTo("ACME Shop");

    DeliveryTask task = channels.lastFor(id);
    assertThat(task.settings()).containsEntry("transaction.amount", "50000").containsEntry("transaction.currency", "JPY")
        .containsEntry("transaction.payee", "ACME Shop");
  }

  @Test
  void aTransactionNeedsAmountCurrencyAndPayeeAndOtherPurposesTakeNone() {
    assertValidation(api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "purpose", "transaction")));
    assertValidation(api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "purpose", "transaction",
        "amount", "12.5", "currency", "JPY", "payee", "ACME")));
    assertValidation(api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "purpose", "transaction",
        "amount", "-3", "currency", "JPY", "payee", "ACME")));
    assertValidation(api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "amount", "100", "currency", "JPY",
        "payee", "ACME")));

    String id = transfer("12.50", "EUR", "ACME GmbH");
    String code = channels.lastFor(id).code();
    assertValidation(api.post("/v1/verifications/" + id + "/check", Map.of("code", code)));
    assertThat(check(id, Map.of("code", code, "amount", "12.5", "payee", "ACME GmbH")).get("valid").asBoolean()).isTrue();
  }

  private String transfer(String amount, String currency, String payee) {
    Api.Response started = api.post("/v1/verifications", Map.of("to", Fixtures.mobile(), "purpose", "transaction",
        "amount", amount, "currency", currency, "payee", payee));
    assertThat(started.status()).isEqualTo(201);
    return started.json().get("id").asString();
  }

  private JsonNode check(String id, Map<String, String> body) {
    Api.Response response = api.post("/v1/verifications/" + id + "/check", body);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private static void assertValidation(Api.Response response) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("type").asString()).endsWith("/validation");
  }
}
