package io.kodama.webhook;

import io.kodama.system.AfterCommit;
import io.kodama.system.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class EndpointRepository {

  /** An endpoint with its sealed secrets, which never leave this module. */
  record Row(WebhookEndpoint endpoint, String secretSealed, String previousSecretSealed) {

    /** The secrets that sign at {@code now}: the current one, and the previous one during its overlap. */
    List<String> signingSecrets(SecretBox box, Instant now) {
      String current = box.open(endpoint.id(), secretSealed);
      Instant until = endpoint.previousSecretUntil();
      if (previousSecretSealed == null || until == null || !now.isBefore(until)) {
        return List.of(current);
      }
      return List.of(current, box.open(endpoint.id(), previousSecretSealed));
    }

    @Override
    public String toString() {
      return "Row[" + endpoint + "]";
    }
  }

  /** How long a delivery may use an endpoint read before (changes made on this node are seen at once). */
  static final Duration CACHED_FOR = Duration.ofSeconds(1);

  private record Cached<T>(T value, long untilNanos) {}

  private final JdbcTemplate jdbc;
  private final Map<String, Cached<Row>> forDelivery = new ConcurrentHashMap<>();
  private final Map<String, Cached<List<WebhookEndpoint>>> enabledByTenant = new ConcurrentHashMap<>();

  EndpointRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(WebhookEndpoint e, String secretSealed) {
    changed(e.id());
    jdbc.update("insert into webhook_endpoints (id, tenant_id, url, description, event_types, enabled, disabled_reason,"
            + " secret_sealed, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.id(), e.tenantId(), e.url(), e.description(), String.join(",", e.eventTypes()), e.enabled(),
        e.disabledReason(), secretSealed, Db.ts(e.createdAt()), Db.ts(e.updatedAt()));
  }

  Optional<Row> find(String tenantId, String id) {
    return jdbc.query("select * from webhook_endpoints where id = ? and tenant_id = ?", this::row, id, tenantId)
        .stream().findFirst();
  }

  Optional<Row> findById(String id) {
    return jdbc.query("select * from webhook_endpoints where id = ?", this::row, id).stream().findFirst();
  }

  /**
   * The endpoint a delivery posts to, read at most {@link #CACHED_FOR} ago: every event to an
   * endpoint would otherwise read the same row again. A change made on another node (disabled,
   * deleted, secret rotated) reaches this node's deliveries within that time; a rotated secret still
   * verifies then, as the previous one stays valid during the overlap.
   */
  Optional<Row> findForDelivery(String id) {
    return cached(forDelivery, id, () -> findById(id));
  }

  /** The value read for a key at most {@link #CACHED_FOR} ago, or read now; nothing read is not kept. */
  private static <T> Optional<T> cached(Map<String, Cached<T>> cache, String key, Supplier<Optional<T>> read) {
    long now = System.nanoTime();
    Cached<T> cached = cache.get(key);
    if (cached != null && now - cached.untilNanos() < 0) {
      return Optional.of(cached.value());
    }
    Optional<T> value = read.get();
    value.ifPresentOrElse(found -> cache.put(key, new Cached<>(found, now + CACHED_FOR.toNanos())),
        () -> cache.remove(key));
    return value;
  }

  /** Forgets the endpoint's cached row, and every tenant's enabled list, now and again when the transaction ends. */
  private void changed(String id) {
    AfterCommit.nowAndAtEnd(() -> {
      forDelivery.remove(id);
      enabledByTenant.clear();
    });
  }

  List<WebhookEndpoint> list(String tenantId) {
    return jdbc.query("select * from webhook_endpoints where tenant_id = ? order by created_at, id",
        (rs, i) -> row(rs, i).endpoint(), tenantId);
  }

  /**
   * The tenant's enabled endpoints, which a new event is delivered to, read at most {@link
   * #CACHED_FOR} ago: every event (three or more per verification) read them again. An endpoint
   * created, changed or deleted on another node gets or stops getting new events within that time;
   * changes made on this node count at once.
   */
  List<WebhookEndpoint> enabled(String tenantId) {
    return cached(enabledByTenant, tenantId, () -> Optional.of(List.copyOf(jdbc.query(
        "select * from webhook_endpoints where tenant_id = ? and enabled = true order by id",
        (rs, i) -> row(rs, i).endpoint(), tenantId)))).orElseThrow();
  }

  int count(String tenantId) {
    Integer count = jdbc.queryForObject("select count(*) from webhook_endpoints where tenant_id = ?", Integer.class,
        tenantId);
    return count == null ? 0 : count;
  }

  void update(WebhookEndpoint e) {
    changed(e.id());
    jdbc.update("update webhook_endpoints set url = ?, description = ?, event_types = ?, enabled = ?,"
            + " disabled_reason = ?, updated_at = ? where id = ? and tenant_id = ?",
        e.url(), e.description(), String.join(",", e.eventTypes()), e.enabled(), e.disabledReason(),
        Db.ts(e.updatedAt()), e.id(), e.tenantId());
  }

  void rotate(String id, String newSealed, String previousSealed, Instant previousUntil, Instant now) {
    changed(id);
    jdbc.update("update webhook_endpoints set secret_sealed = ?, previous_secret_sealed = ?, previous_secret_until = ?,"
        + " updated_at = ? where id = ?", newSealed, previousSealed, Db.ts(previousUntil), Db.ts(now), id);
  }

  /** Disables an endpoint Kodama may no longer call; true when it was enabled. */
  boolean disable(String id, String reason, Instant now) {
    changed(id);
    return jdbc.update("update webhook_endpoints set enabled = false, disabled_reason = ?, updated_at = ?"
        + " where id = ? and enabled = true", reason, Db.ts(now), id) == 1;
  }

  boolean delete(String tenantId, String id) {
    changed(id);
    return jdbc.update("delete from webhook_endpoints where id = ? and tenant_id = ?", id, tenantId) == 1;
  }

  private Row row(ResultSet rs, int i) throws SQLException {
    WebhookEndpoint endpoint = new WebhookEndpoint(rs.getString("id"), rs.getString("tenant_id"), rs.getString("url"),
        rs.getString("description"), Arrays.asList(rs.getString("event_types").split(",")), rs.getBoolean("enabled"),
        rs.getString("disabled_reason"), Db.instant(rs, "previous_secret_until"), Db.instant(rs, "created_at"),
        Db.instant(rs, "updated_at"));
    return new Row(endpoint, rs.getString("secret_sealed"), rs.getString("previous_secret_sealed"));
  }
}
