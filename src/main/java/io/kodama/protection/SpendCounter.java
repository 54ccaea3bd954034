package io.kodama.protection;

import io.kodama.dispatch.AttemptChanged;
import io.kodama.dispatch.AttemptStatuses;
import io.kodama.dispatch.Channel;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages and calls per tenant and UTC day. Every queued attempt counts (first sends, resends and
 * the workflow's fallback calls), in the transaction that queues it. New sends are refused once
 * the day's cap is reached; a few parallel sends may pass the cap by the number running at once.
 */
@Component
class SpendCounter {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  SpendCounter(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @EventListener
  void on(AttemptChanged event) {
    if (!AttemptStatuses.QUEUED.equals(event.status())) {
      return;
    }
    String day = day(event.at());
    jdbc.update("insert into protection_spend (tenant_id, channel, spend_day, units) values (?, ?, ?, 0) on conflict do nothing",
        event.tenantId(), event.channel().wire(), day);
    jdbc.update("update protection_spend set units = units + 1 where tenant_id = ? and channel = ? and spend_day = ?",
        event.tenantId(), event.channel().wire(), day);
  }

  /** @throws ApiException {@code spend-cap-reached} with {@code Retry-After} until the next UTC day */
  void requireBelowCap(Tenant tenant, TenantProtection p, Channel channel) {
    if (!belowCap(tenant.id(), p, channel)) {
      Instant now = clock.instant();
      Instant tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      throw new ApiException(ProblemType.SPEND_CAP_REACHED,
          "The daily cap of " + p.dailyCap(channel) + " " + (channel == Channel.SMS ? "messages" : "calls")
              + " is reached; it resets at 00:00 UTC")
          .with("channel", channel.wire()).with("cap", p.dailyCap(channel))
          .retryAfter(Duration.between(now, tomorrow));
    }
  }

  boolean belowCap(String tenantId, TenantProtection p, Channel channel) {
    return used(tenantId, channel) < p.dailyCap(channel);
  }

  int used(String tenantId, Channel channel) {
    return jdbc.query("select units from protection_spend where tenant_id = ? and channel = ? and spend_day = ?",
        (rs, i) -> rs.getInt(1), tenantId, channel.wire(), day(clock.instant())).stream().findFirst().orElse(0);
  }

  int forgetDaysBefore(Instant cutoff) {
    return jdbc.update("delete from protection_spend where spend_day < ?", day(cutoff));
  }

  private static String day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
