package io.kodama.protection;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Forgets what protection no longer needs: sends and their per-minute counts older than the longest
 * pumping window (a week), spend counts of past days, and rate-limit buckets that are full again.
 */
@Configuration(proxyBeanMethods = false)
class ProtectionJobs {

  private static final Logger log = LoggerFactory.getLogger(ProtectionJobs.class);

  @Bean
  Task<Void> protectionCleanupTask(PumpingGuard pumping, PumpingCounts counts, SpendCounter spend, BucketStore buckets,
      Clock clock) {
    return Tasks.recurring("protection-cleanup", FixedDelay.of(Duration.ofMinutes(10)))
        .execute((instance, context) -> {
          Instant cutoff = clock.instant().minus(Duration.ofDays(8));
          int sends = pumping.forgetSendsBefore(cutoff) + counts.forgetBefore(cutoff);
          int days = spend.forgetDaysBefore(clock.instant().minus(Duration.ofDays(7)));
          int idle = buckets.removeIdle();
          log.debug("Protection cleanup: {} sends and minutes of counts, {} spend days, {} buckets forgotten",
              sends, days, idle);
        });
  }
}
