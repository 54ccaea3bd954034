package io.kodama.voice;

import io.kodama.tenant.SettingsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The tenant settings of calls: the key-press gate, how often the code is read, the languages. */
@Component
final class VoiceTenantSettingsValidator implements SettingsValidator {

  private static final Set<String> KEYS = Set.of("voice.gate", "voice.repetitions", "voice.languages");

  @Override
  public boolean owns(String key) {
    return KEYS.contains(key);
  }

  @Override
  public List<String> problems(Map<String, String> settings) {
    List<String> problems = new ArrayList<>();
    String gate = settings.get("voice.gate");
    if (gate != null && !Set.of("off", "any-key", "digit").contains(gate)) {
      problems.add("voice.gate must be off, any-key or digit");
    }
    String repetitions = settings.get("voice.repetitions");
    if (repetitions != null && !repetitions.strip().matches("[1-9]|10")) {
      problems.add("voice.repetitions must be a number from 1 to 10");
    }
    String languages = settings.get("voice.languages");
    if (languages != null && !languages.strip().matches("(ja|en)([+,](ja|en))?")) {
      problems.add("voice.languages must be ja, en, ja+en or en+ja");
    }
    return problems;
  }
}
