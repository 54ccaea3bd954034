package io.kodama.protection;

import static io.kodama.protection.ProtectionSettings.*;

import io.kodama.dispatch.Channel;
import io.kodama.tenant.Tenant;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's protection settings, parsed, with defaults applied. */
record TenantProtection(
    int numberPerHour, int numberPerDay, int tenantPerSecond, int clientIpPerHour, int prefixPerHour,
    Set<String> smsCountries, Set<String> voiceCountries,
    int pumpingMinSends, int pumpingCountryMinSends, int pumpingMinConversionPercent, Duration pumpingWindow,
    Duration pumpingBlock, int smsPerDay, int callsPerDay, boolean oneMemberPerPhone, boolean hashNumbers,
    int unreachableFailures) {

  static final String ANY_COUNTRY = "*";

  static TenantProtection of(Tenant tenant) {
    return new TenantProtection(
        integer(tenant, NUMBER_PER_HOUR), integer(tenant, NUMBER_PER_DAY), integer(tenant, TENANT_PER_SECOND),
        integer(tenant, CLIENT_IP_PER_HOUR), integer(tenant, PREFIX_PER_HOUR),
        countries(tenant, SMS_COUNTRIES), countries(tenant, VOICE_COUNTRIES),
        integer(tenant, PUMPING_MIN_SENDS), integer(tenant, PUMPING_COUNTRY_MIN_SENDS),
        integer(tenant, PUMPING_MIN_CONVERSION_PERCENT), Duration.ofMinutes(integer(tenant, PUMPING_WINDOW_MINUTES)),
        Duration.ofMinutes(integer(tenant, PUMPING_BLOCK_MINUTES)), integer(tenant, SMS_PER_DAY),
        integer(tenant, CALLS_PER_DAY), bool(tenant, ONE_MEMBER_PER_PHONE), bool(tenant, HASH_NUMBERS),
        integer(tenant, UNREACHABLE_FAILURES));
  }

  boolean allows(Channel channel, String country) {
    Set<String> allowed = channel == Channel.SMS ? smsCountries : voiceCountries;
    return allowed.contains(ANY_COUNTRY) || allowed.contains(country);
  }

  int dailyCap(Channel channel) {
    return channel == Channel.SMS ? smsPerDay : callsPerDay;
  }

  /** {@code *}, {@code none}, or a comma-separated list of ISO 3166 codes. */
  static Set<String> parseCountries(String value) {
    String trimmed = value.trim();
    if ("none".equalsIgnoreCase(trimmed) || trimmed.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(trimmed.split(",")).map(c -> c.trim().toUpperCase(Locale.ROOT))
        .filter(c -> !c.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> countries(Tenant tenant, String key) {
    String value = tenant.settings().get(key);
    return value == null ? Set.of(tenant.region()) : parseCountries(value);
  }

  private static String value(Tenant tenant, String key) {
    return tenant.settings().getOrDefault(key, DEFAULTS.get(key)).trim();
  }

  private static int integer(Tenant tenant, String key) {
    return Integer.parseInt(value(tenant, key));
  }

  private static boolean bool(Tenant tenant, String key) {
    return Boolean.parseBoolean(value(tenant, key));
  }
}
