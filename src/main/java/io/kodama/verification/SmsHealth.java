package io.kodama.verification;

import io.kodama.system.Db;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers numbers whose SMS keep failing (refused by the subscriber, not a mobile, out of
 * service), so the next verification calls them directly, until an SMS to them is delivered again.
 */
@Component
class SmsHealth {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration memory;

  SmsHealth(JdbcTemplate jdbc, Clock clock, WorkflowSettings settings) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.memory = settings.smsFailureMemory();
  }

  void failed(String tenantId, String e164) {
    int updated = jdbc.update("update number_sms_health set failures = failures + 1, last_failure_at = ?"
        + " where tenant_id = ? and to_e164 = ?", Db.ts(clock.instant()), tenantId, e164);
    if (updated == 0) {
      try {
        jdbc.update("insert into number_sms_health (tenant_id, to_e164, failures, last_failure_at) values (?, ?, 1, ?)",
            tenantId, e164, Db.ts(clock.instant()));
      } catch (org.springframework.dao.DuplicateKeyException raced) {
        failed(tenantId, e164);
      }
    }
  }

  void delivered(String tenantId, String e164) {
    jdbc.update("delete from number_sms_health where tenant_id = ? and to_e164 = ?", tenantId, e164);
  }

  /** Whether the number failed SMS at least {@code threshold} times, the last one recently. */
  boolean refusesSms(String tenantId, String e164, int threshold) {
    Integer count = jdbc.queryForObject("select count(*) from number_sms_health where tenant_id = ? and to_e164 = ?"
            + " and failures >= ? and last_failure_at > ?", Integer.class, tenantId, e164, threshold,
        Db.ts(clock.instant().minus(memory)));
    return count != null && count > 0;
  }
}
