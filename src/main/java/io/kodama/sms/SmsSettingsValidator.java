package io.kodama.sms;

import io.kodama.tenant.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The tenant settings of the SMS channel: templates per locale and the automatic-fill lines. */
@Component
final class SmsSettingsValidator implements SettingsValidator {

  static final Set<String> KEYS = Set.of("sms.template.ja", "sms.template.en", "sms.app-hash", "sms.webotp-domain");

  @Override
  public boolean owns(String key) {
    return KEYS.contains(key);
  }

  @Override
  public List<String> problems(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    for (String key : List.of("sms.template.ja", "sms.template.en")) {
      String template = settings.get(key);
      if (template != null) {
        SmsTemplates.problems(template).forEach(p -> problems.add(key + ": " + p));
      }
    }
    String hash = settings.get("sms.app-hash");
    if (hash != null && !hash.isBlank() && !hash.strip().matches("[A-Za-z0-9+/]{11}")) {
      problems.add("sms.app-hash must be the 11-character app hash of the Android SMS Retriever API");
    }
    String domain = settings.get("sms.webotp-domain");
    if (domain != null && !domain.isBlank() && !domain.strip().matches("(https?://)?[A-Za-z0-9.-]+\\.[A-Za-z]{2,}/?")) {
      problems.add("sms.webotp-domain must be a domain name such as example.com");
    }
    return problems;
  }
}
