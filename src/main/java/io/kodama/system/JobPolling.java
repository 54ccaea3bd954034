package io.kodama.system;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How db-scheduler asks PostgreSQL for due jobs. Its lock-and-fetch statement ends with {@code LIMIT
 * n}, n being the scheduler threads free at that moment, so its text changed from one poll to the
 * next (86 to 96 with 32 threads under load): the driver never reached a server-side prepared
 * statement for it, and PostgreSQL parsed and planned it every time, more of the database's work
 * per SMS than any other statement. Rounded down to a power of two, the text is one of a few, each
 * prepared once per connection. Fetching fewer than the free threads changes nothing but the batch:
 * the jobs left over are fetched by the next poll.
 */
@Configuration(proxyBeanMethods = false)
class JobPolling {

  @Bean
  DbSchedulerCustomizer jobPollingCustomizer(DataSource dataSource,
      @Value("${db-scheduler.always-persist-timestamp-in-utc:false}") boolean utc) throws MetaDataAccessException {
    boolean postgresql = Db.isPostgresql(dataSource);
    return new DbSchedulerCustomizer() {
      @Override
      public Optional<JdbcCustomization> jdbcCustomization() {
        return postgresql ? Optional.of(new SteadyLimits(utc)) : Optional.empty(); // else db-scheduler detects
      }
    };
  }

  /** db-scheduler's PostgreSQL statements, with limits rounded down to a power of two. */
  static final class SteadyLimits extends PostgreSqlJdbcCustomization {

    SteadyLimits(boolean utc) {
      super(false, utc);
    }

    @Override
    public String getQueryLimitPart(int limit) {
      return super.getQueryLimitPart(Integer.highestOneBit(Math.max(1, limit)));
    }
  }
}
