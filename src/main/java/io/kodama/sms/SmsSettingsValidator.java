package io.kodama.sms;

import io.kodama.tenant.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The tenant settings of SMS texts: templates per locale and the automatic code-fill lines. */
@Component
final class SmsSettingsValidator implements SettingsValidator {

  private static final Set<String> KEYS =
      Set.of("sms.template.ja", "sms.template.en", "sms.webotp-domain", "sms.app-hash");

  @Override
  public boolean owns(String key) {
    return KEYS.contains(key);
  }

  @Override
  public List<String> problems(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    for (String locale : List.of("ja", "en")) {
      String template = settings.get("sms.template." + locale);
      if (template != null) {
        SmsTemplates.problems(template).forEach(p -> problems.add("sms.template." + locale + ": " + p));
      }
    }
    String domain = settings.get("sms.webotp-domain");
    if (domain != null && !domain.strip().matches("(https?://)?[A-Za-z0-9.-]+\\.[A-Za-z]{2,}/?")) {
      problems.add("sms.webotp-domain must be a host name such as example.com");
    }
    String hash = settings.get("sms.app-hash");
    if (hash != null && !hash.strip().matches("[A-Za-z0-9+/]{11}")) {
      problems.add("sms.app-hash must be the 11-character Android app hash");
    }
    return problems;
  }
}
