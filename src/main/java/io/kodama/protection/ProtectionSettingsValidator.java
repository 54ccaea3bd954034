package io.kodama.protection;

import static io.kodama.protection.ProtectionSettings.*;

import io.kodama.tenant.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Owns and checks the {@code protection.*} tenant settings. */
@Component
final class ProtectionSettingsValidator implements SettingsValidator {

  private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
  private static final Map<String, int[]> RANGES = Map.ofEntries(
      Map.entry(NUMBER_PER_HOUR, new int[] {1, 1000}),
      Map.entry(NUMBER_PER_DAY, new int[] {1, 10_000}),
      Map.entry(TENANT_PER_SECOND, new int[] {1, 10_000}),
      Map.entry(CLIENT_IP_PER_HOUR, new int[] {1, 100_000}),
      Map.entry(PREFIX_PER_HOUR, new int[] {1, 1_000_000}),
      Map.entry(PUMPING_MIN_SENDS, new int[] {2, 1_000_000}),
      Map.entry(PUMPING_COUNTRY_MIN_SENDS, new int[] {2, 10_000_000}),
      Map.entry(PUMPING_MIN_CONVERSION_PERCENT, new int[] {0, 100}),
      Map.entry(PUMPING_WINDOW_MINUTES, new int[] {5, 7 * 24 * 60}),
      Map.entry(PUMPING_BLOCK_MINUTES, new int[] {1, 30 * 24 * 60}),
      Map.entry(SMS_PER_DAY, new int[] {1, 100_000_000}),
      Map.entry(CALLS_PER_DAY, new int[] {1, 100_000_000}),
      Map.entry(UNREACHABLE_FAILURES, new int[] {1, 100}));

  @Override
  public boolean owns(String key) {
    return DEFAULTS.containsKey(key) || SMS_COUNTRIES.equals(key) || VOICE_COUNTRIES.equals(key);
  }

  @Override
  public List<String> problems(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    RANGES.forEach((key, range) -> {
      String value = settings.get(key);
      if (value == null) {
        return;
      }
      try {
        int n = Integer.parseInt(value.trim());
        if (n < range[0] || n > range[1]) {
          problems.add(key + " must be between " + range[0] + " and " + range[1]);
        }
      } catch (NumberFormatException e) {
        problems.add(key + " must be a number");
      }
    });
    for (String key : List.of(ONE_MEMBER_PER_PHONE, HASH_NUMBERS)) {
      String value = settings.get(key);
      if (value != null && !Set.of("true", "false").contains(value.trim())) {
        problems.add(key + " must be true or false");
      }
    }
    for (String key : List.of(SMS_COUNTRIES, VOICE_COUNTRIES)) {
      String value = settings.get(key);
      if (value == null || value.trim().equals(TenantProtection.ANY_COUNTRY)) {
        continue;
      }
      for (String country : TenantProtection.parseCountries(value)) {
        if (!REGIONS.contains(country)) {
          problems.add(key + ": '" + country + "' is not an ISO 3166 country code (or use * or none)");
        }
      }
    }
    return problems;
  }
}
