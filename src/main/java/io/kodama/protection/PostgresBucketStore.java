package io.kodama.protection;

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
 */
final class PostgresBucketStore implements BucketStore {

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

  PostgresBucketStore(DataSource dataSource, TimeMeter timeMeter) {
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
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
