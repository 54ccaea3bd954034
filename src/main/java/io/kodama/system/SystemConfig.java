package io.kodama.system;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfig {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** db-scheduler reads time from the application's clock, so due times agree with ours. */
  @Bean
  com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
    return clock::instant;
  }
}
