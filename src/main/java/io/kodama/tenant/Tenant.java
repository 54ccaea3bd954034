package io.kodama.tenant;

import java.time.Instant;
import java.util.Map;

/**
 * A company that uses Kodama.
 *
 * @param region default region for national-format numbers (ISO 3166 alpha-2, e.g. {@code JP})
 * @param locale default locale of texts and calls ({@code ja} or {@code en})
 * @param brand the name shown in SMS texts and read in calls
 * @param settings the tenant's own settings, overriding {@link TenantSettings#DEFAULTS}
 */
public record Tenant(
    String id, String name, String region, String locale, String brand, Map<String, String> settings,
    Instant createdAt) {

  public Tenant {
    settings = Map.copyOf(settings);
  }

  /** The tenant's value of a setting, or its default. */
  public String setting(String key) {
    return settings.getOrDefault(key, TenantSettings.DEFAULTS.get(key));
  }

  /** Every setting, defaults included. */
  public Map<String, String> effectiveSettings() {
    Map<String, String> all = new java.util.TreeMap<>(TenantSettings.DEFAULTS);
    all.putAll(settings);
    return all;
  }
}
