package io.kodama.verification;

import io.kodama.system.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Caps wrong checks per number across all of its verifications within a window. A check takes a
 * slot before its code is compared (so parallel guesses cannot race past the cap) and gives it back
 * when the code was right or was not compared. A number that used every slot is locked out, for
 * {@code numberWindow} the first time and twice as long each further time (up to {@code
 * numberMaxLockout}); after a lockout it gets a fresh window. A right code clears the lockouts.
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

  private record State(int lockouts, Instant lockedUntil) {}

  /** Takes a slot; when none is left, the time until the number may be checked again. */
  Optional<Duration> take(String tenantId, String e164) {
    Instant now = clock.instant();
    if (takeSlot(tenantId, e164, now)) {
      return Optional.empty();
    }
    // the number's first check makes its row with this check's slot taken; when a parallel first
    // check made the row after this one's first try, the insert does nothing and the slot is taken
    // from that row
    if (jdbc.update("insert into number_guards (tenant_id, to_e164, wrong_checks, window_start) values (?, ?, 1, ?)"
        + " on conflict do nothing", tenantId, e164, Db.ts(now)) == 1 || takeSlot(tenantId, e164, now)) {
      return Optional.empty();
    }
    for (int tries = 0; tries < 5; tries++) {
      State state = state(tenantId, e164).orElseThrow();
      if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
        return Optional.of(Duration.between(now, state.lockedUntil()));
      }
      // every slot of the window is used: lock out, longer each time
      boolean forgotten = state.lockedUntil() != null
          && state.lockedUntil().plus(settings.numberMaxLockout()).isBefore(now);
      int lockouts = (forgotten ? 0 : state.lockouts()) + 1;
      Duration lockout = lockout(lockouts);
      Instant until = now.plus(lockout);
      int locked = jdbc.update("update number_guards set lockouts = ?, locked_until = ?, wrong_checks = 0,"
              + " window_start = ? where tenant_id = ? and to_e164 = ? and lockouts = ?"
              + " and (locked_until is null or locked_until <= ?)",
          lockouts, Db.ts(until), Db.ts(until), tenantId, e164, state.lockouts(), Db.ts(now));
      if (locked == 1) {
        return Optional.of(lockout);
      }
      // another check locked it meanwhile: read the lock it set
    }
    return Optional.of(settings.numberWindow());
  }

  /** Gives back a slot taken by a check that was right or not compared. */
  void giveBack(String tenantId, String e164) {
    jdbc.update("update number_guards set wrong_checks = wrong_checks - 1"
        + " where tenant_id = ? and to_e164 = ? and wrong_checks > 0", tenantId, e164);
  }

  /** A right code: the next lockout of this number starts short again. */
  void clearLockouts(String tenantId, String e164) {
    jdbc.update("update number_guards set lockouts = 0 where tenant_id = ? and to_e164 = ? and lockouts > 0",
        tenantId, e164);
  }

  /** The n-th lockout in a row: numberWindow × 2^(n−1), at most numberMaxLockout. */
  Duration lockout(int n) {
    Duration lockout = settings.numberWindow().multipliedBy(1L << Math.min(20, n - 1));
    return lockout.compareTo(settings.numberMaxLockout()) > 0 ? settings.numberMaxLockout() : lockout;
  }

  /** One slot of the number's window, unless it is locked out or every slot is used. */
  private boolean takeSlot(String tenantId, String e164, Instant now) {
    Instant windowStartedBefore = now.minus(settings.numberWindow());
    return jdbc.update("update number_guards set"
            + " wrong_checks = case when window_start <= ? then 1 else wrong_checks + 1 end,"
            + " window_start = case when window_start <= ? then ? else window_start end"
            + " where tenant_id = ? and to_e164 = ? and (wrong_checks < ? or window_start <= ?)"
            + " and (locked_until is null or locked_until <= ?)",
        Db.ts(windowStartedBefore), Db.ts(windowStartedBefore), Db.ts(now), tenantId, e164,
        settings.numberWrongChecks(), Db.ts(windowStartedBefore), Db.ts(now)) == 1;
  }

  private Optional<State> state(String tenantId, String e164) {
    return jdbc.query("select lockouts, locked_until from number_guards where tenant_id = ? and to_e164 = ?",
        (rs, i) -> new State(rs.getInt("lockouts"), Db.instant(rs, "locked_until")), tenantId, e164)
        .stream().findFirst();
  }
}
