package io.kodama.protection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Buckets in the {@code rate_buckets} table, so every node of an installation draws from the same
 * buckets. A send takes its tokens from all of its buckets in one statement (an upsert that
 * refills each bucket for the time since its last use and takes a token where one is left), so a
 * bucket row is locked only while that statement runs. bucket4j's PostgreSQL backend, used before,
 * locked a tenant's bucket row from a {@code select … for update} to the commit, three round trips
 * per bucket: every start of a tenant queued on that lock, and most of the database's time in the
 * SMS benchmark was that wait. The refill arithmetic is bucket4j's greedy refill, which the
 * in-memory store still uses on H2.
 *
 * <p>Buckets use their own small pool whose connections commit without waiting for the WAL flush
 * ({@code synchronous_commit = off}): with flushed commits a tenant could never start more
 * verifications per second than the disk flushes per second. What this risks is the last fraction
 * of a second of bucket changes when PostgreSQL itself crashes: a few requests beyond a limit, never
 * a verification or an event (those commit on the main pool, flushed).
 */
final class PostgresBucketStore implements BucketStore, AutoCloseable {

  private static final String POOL_NAME = "kodama-buckets";
  /** Refill arithmetic is in floating point: a token that is there up to rounding counts. */
  private static final String TOKENS_NOW = "least(b.capacity, b.tokens"
      + " + greatest(0, excluded.updated_us - b.updated_us)::float8 * b.capacity / b.period_us)";
  private static final double WHOLE_TOKEN = 1 - 1e-9;

  private final DataSource pool;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  PostgresBucketStore(DataSource dataSource, Clock clock) {
    this.pool = ownPool(dataSource);
    this.jdbc = new JdbcTemplate(pool);
    this.clock = clock;
  }

  @Override
  public Optional<Refusal> take(List<Bucket> wanted) {
    long now = micros(clock.instant());
    // rows in key order: two sends sharing buckets lock them in the same order
    List<Bucket> rows = wanted.stream().sorted(Comparator.comparing(Bucket::key)).toList();
    StringBuilder sql = new StringBuilder(
        "insert into rate_buckets as b (id, capacity, period_us, tokens, updated_us, full_at_us) values ");
    List<Object> args = new ArrayList<>(rows.size() * 6);
    for (Bucket bucket : rows) {
      sql.append(args.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
      long period = bucket.period().toNanos() / 1000;
      // a new bucket starts full and gives this send its first token
      args.addAll(List.of(bucket.key(), bucket.capacity(), period, (double) bucket.capacity() - 1, now, now + period));
    }
    sql.append(" on conflict (id) do update set tokens = ").append(TOKENS_NOW).append(" - 1,")
        .append(" updated_us = greatest(b.updated_us, excluded.updated_us), full_at_us = excluded.full_at_us")
        .append(" where ").append(TOKENS_NOW).append(" >= ").append(WHOLE_TOKEN).append(" returning b.id");
    Set<String> taken = new HashSet<>(jdbc.queryForList(sql.toString(), String.class, args.toArray()));
    if (taken.size() == wanted.size()) {
      return Optional.empty();
    }
    if (!taken.isEmpty()) {
      String ids = String.join(", ", taken.stream().map(id -> "?").toList());
      jdbc.update("update rate_buckets set tokens = least(capacity, tokens + 1) where id in (" + ids + ")",
          taken.toArray());
    }
    List<Bucket> refused = wanted.stream().filter(b -> !taken.contains(b.key())).toList();
    return Optional.of(new Refusal(refused.get(0).limit(), waitForTokens(refused, now)));
  }

  /** How long until every one of the buckets has a whole token again. */
  private Duration waitForTokens(List<Bucket> buckets, long now) {
    long waitUs = 1;
    for (Bucket bucket : buckets) {
      double periodUs = bucket.period().toNanos() / 1000.0;
      double missing = jdbc.query("select tokens, updated_us from rate_buckets where id = ?", (rs, i) -> {
        double tokens = rs.getDouble("tokens") + Math.max(0, now - rs.getLong("updated_us")) * bucket.capacity() / periodUs;
        return 1 - Math.min(bucket.capacity(), tokens);
      }, bucket.key()).stream().findFirst().orElse(0.0);
      waitUs = Math.max(waitUs, (long) Math.ceil(missing * periodUs / bucket.capacity()));
    }
    return Duration.of(waitUs, ChronoUnit.MICROS);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }

  /** A copy of the application's pool, smaller, whose connections do not wait for the flush. */
  private static DataSource ownPool(DataSource dataSource) {
    if (!(dataSource instanceof HikariDataSource main)) {
      return dataSource; // a pool Kodama did not make: use it as it is
    }
    HikariConfig config = new HikariConfig();
    main.copyStateTo(config);
    config.setPoolName(POOL_NAME);
    config.setMaximumPoolSize(Math.min(8, main.getMaximumPoolSize()));
    config.setMinimumIdle(1);
    config.setConnectionInitSql("set synchronous_commit = off");
    return new HikariDataSource(config);
  }

  DataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    if (pool instanceof HikariDataSource own && own.getPoolName().equals(POOL_NAME)) {
      own.close(); // the pool made here, never the application's
    }
  }

  /** A bucket is full again one period after its last token was taken. */
  @Override
  public int removeIdle() {
    long now = micros(clock.instant());
    int removed = 0;
    int batch;
    do {
      batch = jdbc.update("delete from rate_buckets where id in"
          + " (select id from rate_buckets where full_at_us < ? limit 500)", now);
      removed += batch;
    } while (batch == 500);
    return removed;
  }
}
