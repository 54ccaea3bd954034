package io.kodama.console;

import io.kodama.system.Db;
import io.kodama.system.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Closed verifications with their attempts, written straight to the tables in batches: a believable
 * mix (most SMS delivered and approved, some undelivered and called, landlines called first) spread
 * over a period, busier by day. For screenshots and for the page-time harness; never pending, so no
 * job picks them up.
 */
final class SyntheticTraffic {

  private static final String HASH = "0".repeat(64);

  private final JdbcTemplate jdbc;
  private final SplittableRandom random;

  SyntheticTraffic(JdbcTemplate jdbc, long seed) {
    this.jdbc = jdbc;
    this.random = new SplittableRandom(seed);
  }

  /** Inserts {@code count} verifications for the tenant between from and to; returns how many attempts. */
  long insert(String tenantId, int count, Instant from, Instant to, int batchSize) {
    long span = Duration.between(from, to).toMillis();
    List<Object[]> verifications = new ArrayList<>(batchSize);
    List<Object[]> attempts = new ArrayList<>(batchSize * 2);
    long attemptCount = 0;
    // in time order, as a live system writes them (rows of one period lie together)
    long[] offsets = new long[count];
    for (int i = 0; i < count; i++) {
      offsets[i] = daytime(span, from);
    }
    java.util.Arrays.sort(offsets);
    for (int i = 0; i < count; i++) {
      Instant created = from.plusMillis(offsets[i]);
      addOne(tenantId, created, i, verifications, attempts);
      if (verifications.size() >= batchSize) {
        attemptCount += flush(verifications, attempts);
      }
    }
    attemptCount += flush(verifications, attempts);
    return attemptCount;
  }

  /** A moment in the span, three times as likely between 9:00 and 21:00 JST, and more towards the end. */
  private long daytime(long span, Instant from) {
    while (true) {
      long at = (long) (span * Math.sqrt(random.nextDouble()));
      int hour = from.plusMillis(at).atOffset(ZoneOffset.ofHours(9)).getHour();
      if (hour >= 9 && hour < 21 || random.nextInt(3) == 0) {
        return at;
      }
    }
  }

  private void addOne(String tenantId, Instant created, int i, List<Object[]> verifications,
      List<Object[]> attempts) {
    String id = Ids.next("vrf", Clock.fixed(created, ZoneOffset.UTC));
    boolean landline = random.nextInt(100) < 10;
    String number = landline ? String.format("+8135%03d%04d", random.nextInt(1000), random.nextInt(10000))
        : String.format("+8190%04d%04d", random.nextInt(10000), random.nextInt(10000));
    Instant delivered = null;
    String smsStatus = null;
    Instant t = created.plusMillis(20 + random.nextInt(60));
    if (!landline) {
      int roll = random.nextInt(100);
      smsStatus = roll < 91 ? "delivered" : roll < 97 ? "undelivered" : "failed";
      Instant smsDone = t.plusMillis((long) (1500 + Math.abs(random.nextGaussian()) * 2500));
      attempts.add(attempt(id, tenantId, "sms", smsStatus, "delivered".equals(smsStatus) ? null : "UNDELIV:001", t,
          smsDone, "{\"stat\":\"" + ("delivered".equals(smsStatus) ? "DELIVRD" : "UNDELIV") + "\",\"segments\":1}"));
      if ("delivered".equals(smsStatus)) {
        delivered = smsDone;
      }
      t = smsDone.plusMillis(10);
    }
    String voiceStatus = null;
    if (landline || !"delivered".equals(smsStatus)) {
      int roll = random.nextInt(100);
      voiceStatus = roll < 72 ? "completed" : roll < 82 ? "no_answer" : roll < 91 ? "busy" : roll < 96
          ? "hung_up_early" : "rejected";
      Instant voiceDone = t.plusMillis("completed".equals(voiceStatus) ? 14_000 + random.nextInt(12_000)
          : 3_000 + random.nextInt(25_000));
      attempts.add(attempt(id, tenantId, "voice", voiceStatus, landline ? null : "sms_undelivered", t, voiceDone,
          "completed".equals(voiceStatus) ? "{\"sipStatus\":200,\"repetitionsPlayed\":3}" : "{}"));
      if ("completed".equals(voiceStatus)) {
        delivered = voiceDone;
      }
    }
    String status;
    String reason = null;
    Instant closed;
    if (delivered != null && random.nextInt(100) < 88) {
      status = "approved";
      closed = delivered.plusMillis(4_000 + random.nextInt(40_000));
    } else if (random.nextInt(100) < 85) {
      status = "expired";
      closed = created.plusSeconds(300);
    } else {
      status = "failed";
      reason = "too_many_checks";
      closed = created.plusSeconds(60 + random.nextInt(200));
    }
    verifications.add(new Object[] {id, tenantId, number, "JP", landline ? "fixed_line" : "mobile", "auto", "ja",
        "login", "member-" + random.nextInt(200_000), status, reason, 6, HASH, "approved".equals(status) ? 1 : 5, 1,
        Db.ts(created), Db.ts(created), Db.ts(closed), Db.ts(created.plusSeconds(300))});
  }

  private static Object[] attempt(String verificationId, String tenantId, String channel, String status,
      String reason, Instant created, Instant updated, String detail) {
    return new Object[] {Ids.next("att", Clock.fixed(created, ZoneOffset.UTC)), verificationId, tenantId, channel,
        status, reason, detail, Db.ts(created), Db.ts(updated)};
  }

  private long flush(List<Object[]> verifications, List<Object[]> attempts) {
    if (verifications.isEmpty()) {
      return 0;
    }
    jdbc.batchUpdate("insert into verifications (id, tenant_id, to_e164, country, line_type, channel, locale,"
        + " purpose, external_ref, status, status_reason, code_length, code_hash, checks_used, sends, last_send_at,"
        + " created_at, updated_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        verifications);
    jdbc.batchUpdate("insert into delivery_attempts (id, verification_id, tenant_id, channel, status, reason, detail,"
        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", attempts);
    long n = attempts.size();
    verifications.clear();
    attempts.clear();
    return n;
  }
}
