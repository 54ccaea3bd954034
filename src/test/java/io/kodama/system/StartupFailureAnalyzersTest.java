package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What a failed start-up says instead of a stack trace. */
class StartupFailureAnalyzersTest {

  private final DatabaseInUseFailureAnalyzer analyzer = new DatabaseInUseFailureAnalyzer();

  @Test
  void aDatabaseOpenInAnotherProcessIsExplainedWithItsFileAndWhatToDo() {
    SQLException inUse = DbException.get(ErrorCode.DATABASE_ALREADY_OPEN_1, "/srv/kodama/data/kodama.mv.db")
        .getSQLException();
    // as Spring reports it: the H2 exception deep in a chain of bean creation failures
    Throwable failure = new BeanCreationException("consoleQueries", "Unsatisfied dependency",
        new BeanCreationException("flywayInitializer", "Unable to obtain connection from database", inUse));

    FailureAnalysis analysis = analyzer.analyze(failure);

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains("/srv/kodama/data/kodama.mv.db").contains("kodama.data-dir");
    assertThat(analysis.getAction()).contains("--kodama.data-dir=");
  }

  @Test
  void otherDatabaseFailuresAreLeftToSpring() {
    SQLException other = DbException.get(ErrorCode.WRONG_USER_OR_PASSWORD).getSQLException();
    assertThat(analyzer.analyze(new BeanCreationException("flywayInitializer", "failed", other))).isNull();
  }

  @Test
  void aSettingKodamaCannotStartWithIsReportedAsTheProblemAndWhatToDo() {
    SettingException missing = new SettingException("kodama.sms.connections", "no SMPP connection is configured.",
        "Set kodama.sms.connections[0].host.");

    FailureAnalysis analysis = new SettingFailureAnalyzer()
        .analyze(new BeanCreationException("smppClient", "Failed to instantiate", missing));

    assertThat(analysis.getDescription()).isEqualTo("kodama.sms.connections: no SMPP connection is configured.");
    assertThat(analysis.getAction()).isEqualTo("Set kodama.sms.connections[0].host.");
  }

  @Test
  void springBootFindsTheAnalyzers() {
    // Spring Boot's own analyzers need the application context to be built: they are skipped here
    assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, (type, name, failure) -> { }))
        .anyMatch(DatabaseInUseFailureAnalyzer.class::isInstance)
        .anyMatch(SettingFailureAnalyzer.class::isInstance);
  }
}
