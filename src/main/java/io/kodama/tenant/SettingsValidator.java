package io.kodama.tenant;

import java.util.List;
import java.util.Map;

/**
 * Checks tenant settings before they are saved. Modules that own setting keys (SMS templates, voice
 * gate, …) contribute a bean; a setting that no validator knows is refused.
 */
public interface SettingsValidator {

  /** Whether this validator owns the key. */
  boolean owns(String key);

  /**
   * The problems with the owned settings in {@code settings} (the tenant's whole new settings),
   * each naming the key; empty when valid.
   */
  List<String> problems(Map<String, String> settings);
}
