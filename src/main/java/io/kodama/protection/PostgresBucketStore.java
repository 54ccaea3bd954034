package io.kodama.protection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Buckets in the {@code protection_buckets} table through bucket4j's PostgreSQL backend
 * (select-for-update), so every node of an installation draws from the same buckets. A bucket row
 * expires once it would be full again, and the cleanup job deletes it.
 *
 * <p>Buckets use their own small pool whose connections commit without waiting for the WAL flush
 * ({@code synchronous_commit = off}). Every start takes a token from its tenant's bucket, one row
 * locked from the select to the commit, so with flushed commits a tenant could never start more
 * verifications per second than the disk flushes per second. What this risks is the last fraction of
 * a second of bucket changes when PostgreSQL itself crashes: a few requests beyond a limit, never a
 * verification or an event (those commit on the main pool, flushed).
 */
final class PostgresBucketStore implements BucketStore, AutoCloseable {

  private static final String POOL_NAME = "kodama-buckets";

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private final DataSource pool;

  PostgresBucketStore(DataSource dataSource, TimeMeter timeMeter) {
    this.pool = ownPool(dataSource);
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table("protection_buckets")
        .idColumn("id")
        .stateColumn("state")
        .expiresAtColumn("expires_at")
        .clientClock(timeMeter)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
        .build();
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
    return buckets.builder().build(key, configuration).tryConsumeAndReturnRemaining(1);
  }

  @Override
  public void refund(String key, BucketConfiguration configuration) {
    buckets.builder().build(key, configuration).addTokens(1);
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

  @Override
  public int removeIdle() {
    int removed = 0;
    int batch;
    do {
      batch = buckets.removeExpired(500);
      removed += batch;
    } while (batch == 500);
    return removed;
  }
}
