package io.kodama.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link SettingException} at start-up as what is wrong and what to do. */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<SettingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SettingException cause) {
    return new FailureAnalysis(cause.problem(), cause.action(), cause);
  }
}
