package io.kodama.console;

import io.kodama.phone.MaskedNumber;
import io.kodama.system.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The console's read model: plain SQL over the verification and attempt tables, across tenants.
 * Lists page by id (ids are ULIDs, so they sort by creation time) with keyset conditions that the
 * indexes of {@code V60__console.sql} serve; nothing here counts a whole table.
 */
@Component
final class ConsoleQueries {

  static final int PAGE_SIZE = 50;
  /** How many of a period's latest deliveries the start → delivery percentiles are taken from. */
  static final int DELAY_SAMPLE = 20_000;

  private final JdbcTemplate jdbc;

  ConsoleQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A verification as the console lists it; the number is masked here and never leaves in clear. */
  record Row(String id, String tenantId, String to, String lineType, String channel, String locale, String purpose,
      String externalRef, String status, String statusReason, int checksUsed, int sends, Instant createdAt,
      Instant updatedAt, Instant expiresAt) {}

  /** One page, and the cursor of the next one (null on the last page). */
  record Page(List<Row> rows, String next) {}

  /** What to search: exactly one of id, number (E.164), externalRef, or none for the newest. */
  record Search(String id, String e164, String externalRef, String tenantId, String status, String before) {}

  Page search(Search search) {
    StringBuilder sql = new StringBuilder("select * from verifications where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (search.id() != null) {
      sql.append(" and id = ?");
      args.add(search.id());
    }
    if (search.e164() != null) {
      sql.append(" and to_e164 = ?");
      args.add(search.e164());
    }
    if (search.externalRef() != null) {
      sql.append(" and external_ref = ?");
      args.add(search.externalRef());
    }
    if (search.tenantId() != null) {
      sql.append(" and tenant_id = ?");
      args.add(search.tenantId());
    }
    if (search.status() != null) {
      sql.append(" and status = ?");
      args.add(search.status());
    }
    if (search.before() != null) {
      sql.append(" and id < ?");
      args.add(search.before());
    }
    sql.append(" order by id desc limit ").append(PAGE_SIZE + 1);
    List<Row> rows = jdbc.query(sql.toString(), ConsoleQueries::row, args.toArray());
    if (rows.size() > PAGE_SIZE) {
      rows = rows.subList(0, PAGE_SIZE);
      return new Page(rows, rows.get(PAGE_SIZE - 1).id());
    }
    return new Page(rows, null);
  }

  Optional<Row> verification(String id) {
    return jdbc.query("select * from verifications where id = ?", ConsoleQueries::row, id).stream().findFirst();
  }

  /** The dashboard's figures for [from, to), for one tenant or all (tenantId null). */
  record Stats(long started, long approved, long smsFinal, long smsDelivered, long smsFirst, long fallbacks,
      Map<String, Long> voiceOutcomes, long voiceCalls, Double p50Seconds, Double p95Seconds, Series series) {

    public Double conversion() {
      return ratio(approved, started);
    }

    public Double smsDeliveredRate() {
      return ratio(smsDelivered, smsFinal);
    }

    public Double fallbackRate() {
      return ratio(fallbacks, smsFirst);
    }

    private static Double ratio(long part, long whole) {
      return whole == 0 ? null : (double) part / whole;
    }
  }

  /** Started and approved verifications per bucket (bucket starts in epoch seconds). */
  record Series(long[] buckets, long[] started, long[] approved) {}

  Stats stats(Instant from, Instant to, String tenantId, Duration bucket, int zoneOffsetSeconds) {
    String tenantFilter = tenantId == null ? "" : " and tenant_id = ?";
    Object[] args = tenantId == null ? new Object[] {Db.ts(from), Db.ts(to)}
        : new Object[] {Db.ts(from), Db.ts(to), tenantId};

    long size = bucket.toSeconds();
    // the bucket index is computed in SQL (no parameter: both databases type it as a number)
    String bucketExpr = "floor((extract(epoch from created_at) + " + zoneOffsetSeconds + ") / " + size + ")";
    Map<Long, long[]> byBucket = new LinkedHashMap<>();
    jdbc.query("select " + bucketExpr + " as b, count(*) as started,"
            + " sum(case when status = 'approved' then 1 else 0 end) as approved"
            + " from verifications where created_at >= ? and created_at < ?" + tenantFilter + " group by " + bucketExpr,
        rs -> {
          byBucket.put(rs.getLong("b"), new long[] {rs.getLong("started"), rs.getLong("approved")});
        }, args);
    long started = byBucket.values().stream().mapToLong(v -> v[0]).sum();
    long approved = byBucket.values().stream().mapToLong(v -> v[1]).sum();

    long firstBucket = Math.floorDiv(from.getEpochSecond() + zoneOffsetSeconds, size);
    long lastBucket = Math.floorDiv(to.getEpochSecond() - 1 + zoneOffsetSeconds, size);
    int n = (int) Math.max(1, lastBucket - firstBucket + 1);
    long[] buckets = new long[n];
    long[] startedSeries = new long[n];
    long[] approvedSeries = new long[n];
    for (int i = 0; i < n; i++) {
      long b = firstBucket + i;
      buckets[i] = b * size - zoneOffsetSeconds;
      long[] v = byBucket.getOrDefault(b, new long[2]);
      startedSeries[i] = v[0];
      approvedSeries[i] = v[1];
    }

    long[] sms = new long[3]; // final, delivered, first (not a resend or fallback)
    long[] fallbacks = new long[1];
    Map<String, Long> voice = new LinkedHashMap<>();
    jdbc.query("select channel, status, reason, count(*) as n from delivery_attempts"
            + " where created_at >= ? and created_at < ?" + tenantFilter + " group by channel, status, reason",
        rs -> {
          String channel = rs.getString("channel");
          String status = rs.getString("status");
          String reason = rs.getString("reason");
          long count = rs.getLong("n");
          if ("sms".equals(channel)) {
            if (io.kodama.dispatch.AttemptStatuses.isFinal(status)) {
              sms[0] += count;
            }
            if ("delivered".equals(status)) {
              sms[1] += count;
            }
            if (reason == null) {
              sms[2] += count;
            }
          } else {
            voice.merge(status, count, Long::sum);
          }
        }, args);
    // a fallback is a call that followed an SMS of the same verification, not asked for by the client
    // (an attempt's reason is replaced by its failure reason, so it cannot be counted on alone)
    Long fallbackCount = jdbc.queryForObject("select count(*) from delivery_attempts a"
        + " where a.channel = 'voice' and a.created_at >= ? and a.created_at < ?"
        + (tenantId == null ? "" : " and a.tenant_id = ?")
        + " and (a.reason is null or a.reason not like 'client_resend%')"
        + " and exists (select 1 from delivery_attempts s where s.verification_id = a.verification_id"
        + " and s.channel = 'sms' and s.created_at <= a.created_at)", Long.class, args);
    fallbacks[0] = fallbackCount == null ? 0 : fallbackCount;
    long voiceCalls = voice.values().stream().mapToLong(Long::longValue).sum();

    // start → delivery over the latest deliveries of the period (a bounded sample, read by index)
    List<Double> delays = jdbc.query("select extract(epoch from a.updated_at) - extract(epoch from v.created_at) as d"
            + " from (select verification_id, updated_at from delivery_attempts"
            + " where created_at >= ? and created_at < ?" + tenantFilter
            + " and status in ('delivered', 'completed') order by created_at desc limit " + DELAY_SAMPLE + ") a"
            + " join verifications v on v.id = a.verification_id"
            // an attempt belongs to a verification at most 10 minutes old: bounds the lookup by index
            + " where v.created_at >= ? and v.created_at < ?",
        (rs, i) -> rs.getDouble("d"), delayArgs(args, from, to));
    Double[] percentiles = {percentile(delays, 0.50), percentile(delays, 0.95)};
    return new Stats(started, approved, sms[0], sms[1], sms[2], fallbacks[0], voice, voiceCalls, percentiles[0],
        percentiles[1], new Series(buckets, startedSeries, approvedSeries));
  }

  private static Object[] delayArgs(Object[] args, Instant from, Instant to) {
    Object[] out = java.util.Arrays.copyOf(args, args.length + 2);
    out[args.length] = Db.ts(from.minus(Duration.ofMinutes(15)));
    out[args.length + 1] = Db.ts(to);
    return out;
  }

  /** The nearest-rank percentile, or null for no values. */
  static Double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("tenant_id"), MaskedNumber.of(rs.getString("to_e164")),
        rs.getString("line_type"), rs.getString("channel"), rs.getString("locale"), rs.getString("purpose"),
        rs.getString("external_ref"), rs.getString("status"), rs.getString("status_reason"), rs.getInt("checks_used"),
        rs.getInt("sends"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"), Db.instant(rs, "expires_at"));
  }
}
