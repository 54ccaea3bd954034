package io.kodama.protection;

import io.kodama.dispatch.AttemptChanged;
import io.kodama.dispatch.Channel;
import io.kodama.phone.PhoneNumber;
import io.kodama.system.Db;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Stale numbers. Delivery outcomes are counted per number: consecutive SMS that did not arrive and
 * consecutive calls nobody answered. When both reach {@code
 * protection.unreachable.failures-per-channel}, the number is {@code unreachable} and {@link
 * NumberReachabilityChanged} tells the tenant; a delivered SMS or an answered call makes it {@code
 * reachable} again. Failures that are Kodama's own (no channel, a closed verification) do not count.
 */
@Service
public class NumberStatuses {

  static final String REACHABLE = "reachable";
  static final String UNREACHABLE = "unreachable";

  private static final Logger log = LoggerFactory.getLogger(NumberStatuses.class);
  private static final Set<String> SMS_FAILED = Set.of("undelivered", "failed");
  private static final Set<String> CALL_FAILED = Set.of("no_answer", "busy", "rejected", "invalid_number", "failed");
  private static final Set<String> REACHED = Set.of("delivered", "answered", "completed", "hung_up_early", "no_input");
  private static final Set<String> NOT_THE_NUMBER = Set.of("verification_closed", "channel_unavailable", "channel_error");

  private record Sender(String tenantId, String numberKey, String masked) {}

  private final JdbcTemplate jdbc;
  private final NumberKeys keys;
  private final Tenants tenants;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  NumberStatuses(JdbcTemplate jdbc, NumberKeys keys, Tenants tenants, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.tenants = tenants;
    this.events = events;
    this.clock = clock;
  }

  /** A number's status for its tenant; a number Kodama never failed to reach is {@code reachable}. */
  public NumberStatus status(Tenant tenant, PhoneNumber number) {
    return jdbc.query("select * from number_reachability where tenant_id = ? and number_key = ?",
            (rs, i) -> new NumberStatus(number.masked(), rs.getString("status"), rs.getInt("sms_failures"),
                rs.getInt("voice_failures"), Db.instant(rs, "changed_at")),
            tenant.id(), keys.of(number.e164()))
        .stream().findFirst()
        .orElse(new NumberStatus(number.masked(), REACHABLE, 0, 0, null));
  }

  @EventListener
  void on(AttemptChanged event) {
    boolean reached = REACHED.contains(event.status());
    boolean failed = !NOT_THE_NUMBER.contains(String.valueOf(event.reason()))
        && (event.channel() == Channel.SMS ? SMS_FAILED : CALL_FAILED).contains(event.status());
    if (!reached && !failed) {
      return;
    }
    // reached: the sender only when its number has failures counted, which it usually has not,
    // so the usual case is one read that finds nothing
    Optional<Sender> sender = jdbc.query("select s.tenant_id, s.number_key, s.number_masked from protection_sends s"
            + (reached ? " join number_reachability r on r.tenant_id = s.tenant_id and r.number_key = s.number_key"
                + " and (r.status = '" + UNREACHABLE + "' or r.sms_failures > 0 or r.voice_failures > 0)" : "")
            + " where s.verification_id = ?", (rs, i) -> new Sender(rs.getString(1), rs.getString(2), rs.getString(3)),
        event.verificationId()).stream().findFirst();
    if (sender.isEmpty()) {
      return;
    }
    Sender s = sender.get();
    Instant now = clock.instant();
    if (reached) {
      int changed = jdbc.update("update number_reachability set status = ?, changed_at = ? where tenant_id = ?"
          + " and number_key = ? and status = ?", REACHABLE, Db.ts(now), s.tenantId(), s.numberKey(), UNREACHABLE);
      jdbc.update("update number_reachability set sms_failures = 0, voice_failures = 0, updated_at = ?"
          + " where tenant_id = ? and number_key = ?", Db.ts(now), s.tenantId(), s.numberKey());
      if (changed == 1) {
        announce(NumberReachabilityChanged.REACHABLE, s, event, now);
      }
      return;
    }
    jdbc.update("insert into number_reachability (tenant_id, number_key, number_masked, sms_failures, voice_failures,"
            + " status, updated_at) values (?, ?, ?, 0, 0, ?, ?) on conflict do nothing",
        s.tenantId(), s.numberKey(), s.masked(), REACHABLE, Db.ts(now));
    String column = event.channel() == Channel.SMS ? "sms_failures" : "voice_failures";
    jdbc.update("update number_reachability set " + column + " = " + column + " + 1, updated_at = ?"
        + " where tenant_id = ? and number_key = ?", Db.ts(now), s.tenantId(), s.numberKey());
    int threshold = TenantProtection.of(tenants.get(s.tenantId())).unreachableFailures();
    int changed = jdbc.update("update number_reachability set status = ?, changed_at = ? where tenant_id = ?"
            + " and number_key = ? and status = ? and sms_failures >= ? and voice_failures >= ?",
        UNREACHABLE, Db.ts(now), s.tenantId(), s.numberKey(), REACHABLE, threshold, threshold);
    if (changed == 1) {
      announce(NumberReachabilityChanged.UNREACHABLE, s, event, now);
    }
  }

  private void announce(String type, Sender s, AttemptChanged event, Instant now) {
    log.info("Number {} of tenant {} is now {}", s.masked(), s.tenantId(), type.substring("number.".length()));
    events.publishEvent(new NumberReachabilityChanged(type, s.tenantId(), s.masked(), event.verificationId(), now));
  }
}
