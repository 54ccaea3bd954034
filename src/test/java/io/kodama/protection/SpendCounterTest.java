package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.dispatch.AttemptChanged;
import io.kodama.dispatch.AttemptStatuses;
import io.kodama.dispatch.Channel;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The daily spend count: read at most once a second, never missing this node's own sends. */
@KodamaTest
class SpendCounterTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  private SpendCounter counter;
  private final String tenant = "ten_spend_" + System.nanoTime();

  @BeforeEach
  void setUp() {
    counter = new SpendCounter(jdbc, clock);
  }

  @AfterEach
  void tearDown() {
    counter.stop();
  }

  @Test
  void seesAnotherNodesWrittenSendsWithinASecond() {
    assertThat(counter.used(tenant, Channel.SMS)).isZero();

    jdbc.update("insert into protection_spend (tenant_id, channel, spend_day, units) values (?, 'sms', ?, 5)",
        tenant, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
    assertThat(counter.used(tenant, Channel.SMS)).as("read less than a second ago").isZero();

    clock.advance(Duration.ofSeconds(1));
    assertThat(counter.used(tenant, Channel.SMS)).isEqualTo(5);
  }

  @Test
  void countsItsOwnSendsBeforeAndAfterTheyAreWritten() {
    assertThat(counter.used(tenant, Channel.SMS)).isZero();
    counter.on(queued());
    counter.on(queued());
    assertThat(counter.used(tenant, Channel.SMS)).isEqualTo(2);

    counter.flush();

    assertThat(counter.used(tenant, Channel.SMS)).as("same second: what was read plus what this node wrote")
        .isEqualTo(2);
    clock.advance(Duration.ofSeconds(1));
    assertThat(counter.used(tenant, Channel.SMS)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select units from protection_spend where tenant_id = ? and channel = 'sms'",
        Long.class, tenant)).isEqualTo(2);
  }

  private AttemptChanged queued() {
    return new AttemptChanged("att_" + System.nanoTime(), "vrf_x", tenant, Channel.SMS, AttemptStatuses.QUEUED, null,
        Map.of(), clock.instant());
  }
}
