package io.kodama.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.system.Db;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The number's first checks arriving together: none of them may lock the number out. */
@KodamaTest
class NumberGuardRaceTest {

  @Autowired DataSource dataSource;
  @Autowired Clock clock;
  @Autowired VerificationSettings settings;

  @Test
  void aRowMadeByAParallelFirstCheckIsUsedNotTakenForAFullWindow() {
    String tenant = "ten_race";
    String number = Fixtures.mobile();
    AtomicBoolean raced = new AtomicBoolean();
    // the first try of this check finds no row; a parallel first check makes it and takes its slot
    // right after, before this check looks at the row
    JdbcTemplate racing = new JdbcTemplate(dataSource) {
      @Override
      public int update(String sql, Object... args) {
        int updated = super.update(sql, args);
        if (sql.startsWith("update number_guards set wrong_checks") && raced.compareAndSet(false, true)) {
          super.update("insert into number_guards (tenant_id, to_e164, wrong_checks, window_start) values (?, ?, 1, ?)",
              tenant, number, Db.ts(clock.instant()));
        }
        return updated;
      }
    };

    assertThat(new NumberGuard(racing, clock, settings).take(tenant, number)).isEmpty();

    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForObject("select wrong_checks from number_guards where tenant_id = ? and to_e164 = ?",
        Integer.class, tenant, number)).isEqualTo(2);
    assertThat(jdbc.queryForObject("select count(*) from number_guards where tenant_id = ? and to_e164 = ?"
        + " and locked_until is not null", Integer.class, tenant, number)).isZero();
  }

  @Test
  void aNumbersFirstCheckMakesItsRowWithItsSlotTaken() {
    String number = Fixtures.mobile();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    NumberGuard guard = new NumberGuard(jdbc, clock, settings);

    assertThat(guard.take("ten_first", number)).isEmpty();
    assertThat(guard.take("ten_first", number)).isEmpty();

    assertThat(jdbc.queryForObject("select wrong_checks from number_guards where tenant_id = ? and to_e164 = ?",
        Integer.class, "ten_first", number)).isEqualTo(2);
  }
}
