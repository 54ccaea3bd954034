package io.kodama.verification;

import io.kodama.system.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Caps wrong checks per number across all of its verifications within a window. A check takes a
 * slot before its code is compared (so parallel guesses cannot race past the cap) and gives it back
 * when the code was right or was not compared.
 */
@Component
class NumberGuard {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final VerificationSettings settings;

  NumberGuard(JdbcTemplate jdbc, Clock clock, VerificationSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.settings = settings;
  }

  /** Takes a slot; when none is left, the time until the window ends. */
  Optional<Duration> take(String tenantId, String e164) {
    Instant now = clock.instant();
    Instant windowStartedBefore = now.minus(settings.numberWindow());
    ensureRow(tenantId, e164, now);
    int updated = jdbc.update("update number_guards set"
            + " wrong_checks = case when window_start <= ? then 1 else wrong_checks + 1 end,"
            + " window_start = case when window_start <= ? then ? else window_start end"
            + " where tenant_id = ? and to_e164 = ? and (wrong_checks < ? or window_start <= ?)",
        Db.ts(windowStartedBefore), Db.ts(windowStartedBefore), Db.ts(now), tenantId, e164,
        settings.numberWrongChecks(), Db.ts(windowStartedBefore));
    if (updated == 1) {
      return Optional.empty();
    }
    Instant windowStart = jdbc.queryForObject("select window_start from number_guards where tenant_id = ? and to_e164 = ?",
        (rs, i) -> Db.instant(rs, "window_start"), tenantId, e164);
    Duration wait = Duration.between(now, windowStart.plus(settings.numberWindow()));
    return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
  }

  /** Gives back a slot taken by a check that was right or not compared. */
  void giveBack(String tenantId, String e164) {
    jdbc.update("update number_guards set wrong_checks = wrong_checks - 1"
        + " where tenant_id = ? and to_e164 = ? and wrong_checks > 0", tenantId, e164);
  }

  private void ensureRow(String tenantId, String e164, Instant now) {
    Integer exists = jdbc.queryForObject("select count(*) from number_guards where tenant_id = ? and to_e164 = ?",
        Integer.class, tenantId, e164);
    if (exists != null && exists > 0) {
      return;
    }
    try {
      jdbc.update("insert into number_guards (tenant_id, to_e164, wrong_checks, window_start) values (?, ?, 0, ?)",
          tenantId, e164, Db.ts(now));
    } catch (DuplicateKeyException raced) {
      // another check created it first
    }
  }
}
