package io.kodama.protection;

import io.kodama.dispatch.AttemptChanged;
import io.kodama.dispatch.AttemptStatuses;
import io.kodama.dispatch.Channel;
import io.kodama.system.AfterCommit;
import io.kodama.system.ApiException;
import io.kodama.system.ProblemType;
import io.kodama.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages and calls per tenant and UTC day. Every queued attempt counts (first sends, resends and
 * the workflow's fallback calls) once its transaction commits. New sends are refused once the day's
 * cap is reached; a few parallel sends may pass the cap by the number running at once.
 *
 * <p>The day's counter is one row per tenant and channel. Updating it in every start would make
 * each start of a tenant wait for the row lock of the one before (or hold a second connection per
 * start), so committed sends are added up in memory and written by one background flush per second;
 * a node counts its own unwritten sends too. A node that crashes loses at most its last second of
 * counts, and other nodes see a node's sends up to a second late. The written count is read at
 * most once a second per tenant and channel (it was one more statement in every start); the node's
 * own flushes are added to what it read, so its own sends are never missed.
 */
@Component
class SpendCounter {

  private record Key(String tenantId, String channel, String day) {}

  /** The units written for a key, as read at {@code readAt}. */
  private record Written(long units, Instant readAt) {}

  private static final Duration READ_EVERY = Duration.ofSeconds(1);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ConcurrentHashMap<Key, AtomicLong> unwritten = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, Written> written = new ConcurrentHashMap<>();
  /** Counts this node's flushes, so a read that overlapped one is not kept. */
  private final AtomicLong flushes = new AtomicLong();
  private final SecondlyFlush flusher;

  SpendCounter(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.flusher = new SecondlyFlush("spend-flush", "the daily spend counters", this::flush);
  }

  @EventListener
  void on(AttemptChanged event) {
    if (!AttemptStatuses.QUEUED.equals(event.status())) {
      return;
    }
    Key key = new Key(event.tenantId(), event.channel().wire(), day(event.at()));
    AfterCommit.run(() -> add(key, 1));
  }

  private void add(Key key, long units) {
    unwritten.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(units);
  }

  /** Writes the counts added up since the last flush; a count that fails to be written is kept for the next. */
  void flush() {
    String today = day(clock.instant());
    written.keySet().removeIf(key -> key.day().compareTo(today) < 0);
    for (Map.Entry<Key, AtomicLong> entry : unwritten.entrySet()) {
      long units = entry.getValue().getAndSet(0);
      if (units == 0) {
        if (entry.getKey().day().compareTo(today) < 0) {
          unwritten.remove(entry.getKey(), entry.getValue()); // a past day gets no more sends
        }
        continue;
      }
      Key key = entry.getKey();
      try {
        jdbc.update("insert into protection_spend (tenant_id, channel, spend_day, units) values (?, ?, ?, 0) on conflict do nothing",
            key.tenantId(), key.channel(), key.day());
        jdbc.update("update protection_spend set units = units + ? where tenant_id = ? and channel = ? and spend_day = ?",
            units, key.tenantId(), key.channel(), key.day());
        flushes.incrementAndGet();
        written.computeIfPresent(key, (k, w) -> new Written(w.units() + units, w.readAt()));
      } catch (RuntimeException e) {
        add(key, units);
        throw e;
      }
    }
  }

  @PreDestroy
  void stop() {
    flusher.close();
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

  long used(String tenantId, Channel channel) {
    Instant now = clock.instant();
    Key key = new Key(tenantId, channel.wire(), day(now));
    Written read = written.get(key);
    if (read == null || !read.readAt().plus(READ_EVERY).isAfter(now) || read.readAt().isAfter(now)) {
      long flushesBefore = flushes.get();
      read = new Written(jdbc.query("select units from protection_spend where tenant_id = ? and channel = ?"
              + " and spend_day = ?", (rs, i) -> rs.getLong(1), key.tenantId(), key.channel(), key.day())
          .stream().findFirst().orElse(0L), now);
      if (flushes.get() == flushesBefore) {
        written.put(key, read);
      }
    }
    AtomicLong pending = unwritten.get(key);
    return read.units() + (pending == null ? 0 : pending.get());
  }

  int forgetDaysBefore(Instant cutoff) {
    return jdbc.update("delete from protection_spend where spend_day < ?", day(cutoff));
  }

  private static String day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
