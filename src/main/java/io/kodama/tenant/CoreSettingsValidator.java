package io.kodama.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

@Component
final class CoreSettingsValidator implements SettingsValidator {

  private static final Set<String> LINE_TYPES =
      Set.of("mobile", "fixed_line", "voip", "toll_free", "premium_rate", "shared_cost", "m2m", "unknown");

  @Override
  public boolean owns(String key) {
    return TenantSettings.DEFAULTS.containsKey(key);
  }

  @Override
  public List<String> problems(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String channel = settings.get(TenantSettings.CHANNEL);
    if (channel != null && !Set.of("auto", "sms", "voice").contains(channel)) {
      problems.add(TenantSettings.CHANNEL + " must be auto, sms or voice");
    }
    checkRange(settings, TenantSettings.CODE_LENGTH, 4, 10, problems);
    checkRange(settings, TenantSettings.TTL_SECONDS, 60, 600, problems);
    checkRange(settings, TenantSettings.RECEIPT_TIMEOUT_SECONDS, 5, 600, problems);
    checkRange(settings, TenantSettings.SMS_FAILURES_BEFORE_VOICE, 1, 100, problems);
    String refused = settings.get(TenantSettings.REFUSED_LINE_TYPES);
    if (refused != null && !refused.isBlank()) {
      for (String type : refused.split(",")) {
        if (!LINE_TYPES.contains(type.trim())) {
          problems.add(TenantSettings.REFUSED_LINE_TYPES + ": unknown line type '" + type.trim() + "'");
        }
      }
    }
    return problems;
  }

  private static void checkRange(Map<String, String> settings, String key, int min, int max, List<String> problems) {
    String value = settings.get(key);
    if (value == null) {
      return;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        problems.add(key + " must be between " + min + " and " + max);
      }
    } catch (NumberFormatException e) {
      problems.add(key + " must be a number");
    }
  }
}
