package io.kodama.system;

/**
 * A setting Kodama cannot start with, found outside property binding (which Spring Boot reports
 * itself). At start-up it is reported as the setting, what is wrong with it and what to do,
 * without a stack trace ({@link SettingFailureAnalyzer}).
 */
public class SettingException extends IllegalStateException {

  private final String problem;
  private final String action;

  /**
   * @param setting the property, e.g. {@code kodama.sms.connections}
   * @param problem what is wrong, as a sentence
   * @param action what to do, as a sentence
   */
  public SettingException(String setting, String problem, String action) {
    super(setting + ": " + problem + " " + action);
    this.problem = setting + ": " + problem;
    this.action = action;
  }

  /** The setting and what is wrong with it. */
  public String problem() {
    return problem;
  }

  public String action() {
    return action;
  }
}
