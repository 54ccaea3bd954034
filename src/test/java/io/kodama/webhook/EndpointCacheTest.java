package io.kodama.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Deliveries and new events read endpoints at most once a second; changes made on this node count at once. */
@KodamaTest
class EndpointCacheTest {

  @Autowired Tenants tenants;
  @Autowired WebhookEndpoints endpoints;
  @Autowired EndpointRepository repository;
  @Autowired JdbcTemplate jdbc;

  @Test
  void deliveriesReuseTheEndpointReadAndSeeThisNodesChangesAtOnce() {
    Tenant tenant = Fixtures.tenant(tenants).tenant();
    WebhookEndpoint endpoint = endpoints.create(tenant, "http://127.0.0.1:9/in", null, true, "cache").endpoint();
    assertThat(repository.findForDelivery(endpoint.id()).orElseThrow().endpoint().enabled()).isTrue();

    // another node disables it: this node's deliveries may use the row read before, for a second
    jdbc.update("update webhook_endpoints set enabled = false where id = ?", endpoint.id());
    assertThat(repository.findForDelivery(endpoint.id()).orElseThrow().endpoint().enabled()).isTrue();
    assertThat(repository.findById(endpoint.id()).orElseThrow().endpoint().enabled()).isFalse();

    // a change made through this node is seen by the next delivery
    jdbc.update("update webhook_endpoints set enabled = true where id = ?", endpoint.id());
    repository.disable(endpoint.id(), "gone", Instant.now());
    assertThat(repository.findForDelivery(endpoint.id()).orElseThrow().endpoint().enabled()).isFalse();
    repository.delete(tenant.id(), endpoint.id());
    assertThat(repository.findForDelivery(endpoint.id())).isEmpty();
  }

  @Test
  void newEventsReuseTheEnabledEndpointsReadAndSeeThisNodesChangesAtOnce() {
    Tenant tenant = Fixtures.tenant(tenants).tenant();
    assertThat(repository.enabled(tenant.id())).isEmpty();
    WebhookEndpoint endpoint = endpoints.create(tenant, "http://127.0.0.1:9/in", null, true, "cache").endpoint();
    assertThat(repository.enabled(tenant.id())).extracting(WebhookEndpoint::id).containsExactly(endpoint.id());

    // another node disables it: this node's new events may still go to it, for a second
    jdbc.update("update webhook_endpoints set enabled = false where id = ?", endpoint.id());
    assertThat(repository.enabled(tenant.id())).extracting(WebhookEndpoint::id).containsExactly(endpoint.id());

    // a change made through this node counts for the next event
    repository.delete(tenant.id(), endpoint.id());
    assertThat(repository.enabled(tenant.id())).isEmpty();
  }
}
