package io.kodama.protection;

import java.util.Map;

/**
 * Tenant setting keys of the protection module, with their defaults. The country allow-lists
 * default to the tenant's own region, so they have no entry in {@link #DEFAULTS}.
 */
public final class ProtectionSettings {

  public static final String NUMBER_PER_HOUR = "protection.rate.number-per-hour";
  public static final String NUMBER_PER_DAY = "protection.rate.number-per-day";
  public static final String TENANT_PER_SECOND = "protection.rate.tenant-per-second";
  public static final String CLIENT_IP_PER_HOUR = "protection.rate.client-ip-per-hour";
  public static final String PREFIX_PER_HOUR = "protection.rate.prefix-per-hour";
  /** Comma-separated ISO 3166 codes, {@code *} for every country, {@code none} for none. */
  public static final String SMS_COUNTRIES = "protection.countries.sms";
  public static final String VOICE_COUNTRIES = "protection.countries.voice";
  public static final String PUMPING_MIN_SENDS = "protection.pumping.min-sends";
  public static final String PUMPING_COUNTRY_MIN_SENDS = "protection.pumping.country-min-sends";
  public static final String PUMPING_MIN_CONVERSION_PERCENT = "protection.pumping.min-conversion-percent";
  public static final String PUMPING_WINDOW_MINUTES = "protection.pumping.window-minutes";
  public static final String PUMPING_BLOCK_MINUTES = "protection.pumping.block-minutes";
  public static final String SMS_PER_DAY = "protection.spend.sms-per-day";
  public static final String CALLS_PER_DAY = "protection.spend.voice-per-day";
  public static final String ONE_MEMBER_PER_PHONE = "protection.bindings.one-member-per-phone";
  public static final String HASH_NUMBERS = "protection.bindings.hash-numbers";
  public static final String UNREACHABLE_FAILURES = "protection.unreachable.failures-per-channel";

  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry(NUMBER_PER_HOUR, "5"),
      Map.entry(NUMBER_PER_DAY, "10"),
      Map.entry(TENANT_PER_SECOND, "50"),
      Map.entry(CLIENT_IP_PER_HOUR, "20"),
      Map.entry(PREFIX_PER_HOUR, "60"),
      Map.entry(PUMPING_MIN_SENDS, "20"),
      Map.entry(PUMPING_COUNTRY_MIN_SENDS, "200"),
      Map.entry(PUMPING_MIN_CONVERSION_PERCENT, "10"),
      Map.entry(PUMPING_WINDOW_MINUTES, "60"),
      Map.entry(PUMPING_BLOCK_MINUTES, "360"),
      Map.entry(SMS_PER_DAY, "10000"),
      Map.entry(CALLS_PER_DAY, "2000"),
      Map.entry(ONE_MEMBER_PER_PHONE, "false"),
      Map.entry(HASH_NUMBERS, "false"),
      Map.entry(UNREACHABLE_FAILURES, "2"));

  private ProtectionSettings() {}
}
