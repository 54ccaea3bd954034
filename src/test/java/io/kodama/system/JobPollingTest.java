package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import io.kodama.support.KodamaTest;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@KodamaTest
class JobPollingTest {

  @Autowired DbSchedulerCustomizer customizer;

  @Test
  void postgresqlPollsWithAFewLimitTextsAndH2KeepsDbSchedulersOwnStatements() {
    boolean postgresql = System.getProperty("kodama.test.db", "h2").equals("postgresql");
    assertThat(customizer.jdbcCustomization().map(Object::getClass))
        .isEqualTo(postgresql ? Optional.of(JobPolling.SteadyLimits.class) : Optional.empty());
  }

  @Test
  void limitsAreRoundedDownToAPowerOfTwo() {
    JobPolling.SteadyLimits limits = new JobPolling.SteadyLimits(true);
    assertThat(limits.getQueryLimitPart(96)).isEqualTo(limits.getQueryLimitPart(64)).contains("LIMIT 64");
    assertThat(limits.getQueryLimitPart(63)).contains("LIMIT 32");
    assertThat(limits.getQueryLimitPart(1)).contains("LIMIT 1");
    assertThat(limits.getQueryLimitPart(0)).contains("LIMIT 1");
    assertThat(IntStream.rangeClosed(1, 96).mapToObj(limits::getQueryLimitPart).distinct()).hasSize(7);
  }
}
