package io.kodama.system;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second Kodama started on the same embedded database (the same {@code kodama.data-dir}) fails
 * at start-up, since H2 lets one process open a database file. Instead of the stack trace ending in
 * H2's "Database may be already in use", it says what happened and what to do.
 */
class DatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

  /** H2's {@code DATABASE_ALREADY_OPEN_1}. */
  static final int DATABASE_ALREADY_OPEN = 90020;
  private static final Pattern FILE = Pattern.compile("already in use: \"([^\"]+)\"");

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
    if (cause.getErrorCode() != DATABASE_ALREADY_OPEN) {
      return null;
    }
    Matcher file = FILE.matcher(String.valueOf(cause.getMessage()));
    String database = file.find() ? file.group(1) : "the embedded database";
    return new FailureAnalysis(
        "Kodama's embedded database " + database + " is open in another process: most likely another Kodama"
            + " started with the same data directory (kodama.data-dir) is still running.",
        "Stop the other Kodama, or start this one with a directory of its own, e.g. --kodama.data-dir=./data2."
            + " Several Kodama nodes share one PostgreSQL database instead (README, \"Running in production\").",
        cause);
  }
}
