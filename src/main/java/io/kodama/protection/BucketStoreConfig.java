package io.kodama.protection;

import io.github.bucket4j.TimeMeter;
import io.kodama.system.Db;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Picks where rate-limit buckets live from the database Kodama runs on. */
@Configuration(proxyBeanMethods = false)
class BucketStoreConfig {

  private static final Logger log = LoggerFactory.getLogger(BucketStoreConfig.class);

  @Bean
  BucketStore bucketStore(DataSource dataSource, Clock clock) throws MetaDataAccessException {
    // buckets read time from the application's clock, like everything else (tests move it)
    TimeMeter timeMeter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    if (Db.isPostgresql(dataSource)) {
      log.info("Rate limits: buckets in PostgreSQL (shared by all nodes)");
      return new PostgresBucketStore(dataSource, clock);
    }
    log.info("Rate limits: buckets in memory (H2 runs as one node)");
    return new LocalBucketStore(timeMeter, clock);
  }
}
