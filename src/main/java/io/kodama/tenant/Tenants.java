package io.kodama.tenant;

import io.kodama.system.AfterCommit;
import io.kodama.system.ApiException;
import io.kodama.system.Db;
import io.kodama.system.Ids;
import io.kodama.system.ProblemType;
import io.kodama.system.ServerSecret;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants and their API keys. Every API request authenticates its key and many steps read their
 * tenant, so a tenant read from the database is kept for {@link #CACHED_FOR} and forgotten at once
 * when this node changes a tenant or a key; another node's change is seen within that second.
 */
@Service
public class Tenants {

  static final Duration CACHED_FOR = Duration.ofSeconds(1);

  private static final String KEY_PREFIX = "kdm_";
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> LOCALES = Set.of("ja", "en");
  private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

  private final JdbcTemplate jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final List<SettingsValidator> validators;

  private record Cached(Tenant tenant, Instant until) {}

  /** Tenants by "id:" + tenant id and by "key:" + API key hash; only found tenants are kept. */
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  Tenants(JdbcTemplate jdbc, JsonMapper json, Clock clock, List<SettingsValidator> validators) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.validators = validators;
  }

  /** Creates a tenant; {@code id} may be null to generate one. */
  @Transactional
  public Tenant create(String id, String name, String region, String locale, String brand, Map<String, String> settings) {
    String tenantId = id != null ? id : Ids.next("ten", clock);
    String checkedRegion = region == null ? "JP" : region.toUpperCase(Locale.ROOT);
    if (!REGIONS.contains(checkedRegion)) {
      throw new ApiException(ProblemType.VALIDATION, "region must be an ISO 3166 country code such as JP");
    }
    String checkedLocale = locale == null ? ("JP".equals(checkedRegion) ? "ja" : "en") : locale;
    if (!LOCALES.contains(checkedLocale)) {
      throw new ApiException(ProblemType.VALIDATION, "locale must be ja or en");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new ApiException(ProblemType.VALIDATION, "name must be 1 to 200 characters");
    }
    String checkedBrand = brand == null ? name : brand;
    if (checkedBrand.length() > 60) {
      throw new ApiException(ProblemType.VALIDATION, "brand must be at most 60 characters");
    }
    Map<String, String> checkedSettings = validate(settings == null ? Map.of() : settings);
    Instant now = clock.instant();
    jdbc.update("insert into tenants (id, name, region, locale, brand, settings, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
        tenantId, name, checkedRegion, checkedLocale, checkedBrand, json.writeValueAsString(checkedSettings),
        Db.ts(now), Db.ts(now));
    return new Tenant(tenantId, name, checkedRegion, checkedLocale, checkedBrand, checkedSettings, now);
  }

  public Optional<Tenant> find(String id) {
    return cached("id:" + id, () -> stored(id));
  }

  private List<Tenant> stored(String id) {
    return jdbc.query("select * from tenants where id = ?", this::tenant, id);
  }

  public Tenant get(String id) {
    return find(id).orElseThrow(() -> ApiException.notFound("tenant", id));
  }

  public List<Tenant> list() {
    return jdbc.query("select * from tenants order by created_at", this::tenant);
  }

  /**
   * Updates name, brand, locale and settings. A null setting value removes the override; the
   * result is validated as a whole.
   */
  @Transactional
  public Tenant update(String id, String brand, String locale, Map<String, String> settingChanges) {
    // the stored row, not a cached copy: the changes are merged into it
    Tenant current = stored(id).stream().findFirst().orElseThrow(() -> ApiException.notFound("tenant", id));
    Map<String, String> settings = new LinkedHashMap<>(current.settings());
    if (settingChanges != null) {
      settingChanges.forEach((key, value) -> {
        if (value == null) {
          settings.remove(key);
        } else {
          settings.put(key, value);
        }
      });
    }
    Map<String, String> checked = validate(settings);
    String newBrand = brand == null ? current.brand() : brand;
    if (newBrand.length() > 60) {
      throw new ApiException(ProblemType.VALIDATION, "brand must be at most 60 characters");
    }
    String newLocale = locale == null ? current.locale() : locale;
    if (!LOCALES.contains(newLocale)) {
      throw new ApiException(ProblemType.VALIDATION, "locale must be ja or en");
    }
    jdbc.update("update tenants set brand = ?, locale = ?, settings = ?, updated_at = ? where id = ?",
        newBrand, newLocale, json.writeValueAsString(checked), Db.ts(clock.instant()), id);
    forgetCached();
    return get(id);
  }

  /** Issues a new API key; the returned key is the only copy in clear. */
  @Transactional
  public IssuedKey createKey(String tenantId, String name) {
    get(tenantId);
    return insertKey(tenantId, name == null || name.isBlank() ? "default" : name, KEY_PREFIX + randomBase62(40));
  }

  /**
   * Makes sure a key with a known value exists (used for the demo tenant, whose key is derived from
   * the server secret so it can be printed at every start).
   */
  @Transactional
  public void ensureKey(String tenantId, String name, String key) {
    Integer found = jdbc.queryForObject("select count(*) from api_keys where key_hash = ?", Integer.class, ServerSecret.sha256Hex(key));
    if (found == null || found == 0) {
      insertKey(tenantId, name, key);
    }
  }

  private IssuedKey insertKey(String tenantId, String name, String key) {
    Instant now = clock.instant();
    String id = Ids.next("key", clock);
    String prefix = key.substring(0, Math.min(12, key.length()));
    jdbc.update("insert into api_keys (id, tenant_id, name, prefix, key_hash, created_at) values (?, ?, ?, ?, ?, ?)",
        id, tenantId, name, prefix, ServerSecret.sha256Hex(key), Db.ts(now));
    return new IssuedKey(id, tenantId, name, prefix, key, now);
  }

  public List<ApiKeyInfo> keys(String tenantId) {
    return jdbc.query("select * from api_keys where tenant_id = ? order by created_at",
        (rs, i) -> new ApiKeyInfo(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
            rs.getString("prefix"), Db.instant(rs, "created_at"), Db.instant(rs, "revoked_at")),
        tenantId);
  }

  /** Revokes a key of the tenant; answers not-found for a key of another tenant. */
  @Transactional
  public void revokeKey(String tenantId, String keyId) {
    int updated = jdbc.update("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ? and tenant_id = ?",
        Db.ts(clock.instant()), keyId, tenantId);
    if (updated == 0) {
      throw ApiException.notFound("API key", keyId);
    }
    forgetCached();
  }

  /** The tenant owning a valid, unrevoked API key. */
  public Optional<Tenant> authenticate(String key) {
    if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 100) {
      return Optional.empty();
    }
    String hash = ServerSecret.sha256Hex(key);
    return cached("key:" + hash, () -> jdbc.query("select t.* from api_keys k join tenants t on t.id = k.tenant_id"
        + " where k.key_hash = ? and k.revoked_at is null", this::tenant, hash));
  }

  private Optional<Tenant> cached(String cacheKey, Supplier<List<Tenant>> query) {
    Instant now = clock.instant();
    Cached hit = cache.get(cacheKey);
    if (hit != null && now.isBefore(hit.until())) {
      return Optional.of(hit.tenant());
    }
    Optional<Tenant> found = query.get().stream().findFirst();
    found.ifPresentOrElse(tenant -> cache.put(cacheKey, new Cached(tenant, now.plus(CACHED_FOR))),
        () -> cache.remove(cacheKey));
    return found;
  }

  /** Forgets every cached tenant now and again when the changing transaction ends. */
  private void forgetCached() {
    AfterCommit.nowAndAtEnd(cache::clear);
  }

  private Map<String, String> validate(Map<String, String> settings) {
    List<String> problems = new java.util.ArrayList<>();
    for (String key : settings.keySet()) {
      if (validators.stream().noneMatch(v -> v.owns(key))) {
        problems.add("unknown setting '" + key + "'");
      }
    }
    for (SettingsValidator validator : validators) {
      problems.addAll(validator.problems(settings));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(ProblemType.VALIDATION, String.join("; ", problems)).with("errors", problems);
    }
    return Map.copyOf(settings);
  }

  private Tenant tenant(ResultSet rs, int row) throws SQLException {
    Map<String, String> settings = json.readValue(rs.getString("settings"), new TypeReference<Map<String, String>>() {});
    return new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("region"), rs.getString("locale"),
        rs.getString("brand"), settings, Db.instant(rs, "created_at"));
  }

  private static String randomBase62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(out);
  }

}
