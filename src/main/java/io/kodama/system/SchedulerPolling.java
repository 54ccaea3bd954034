package io.kodama.system;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On PostgreSQL, db-scheduler picks due jobs with lock-and-fetch ({@code select … for update skip
 * locked}, one statement for a batch) instead of fetching them and then picking each one with its
 * own update: every SMS, call and webhook delivery is a job, so this saves a statement per job and
 * the conflicts between nodes picking the same rows. H2 does not support it and keeps the default.
 * An explicit {@code db-scheduler.polling-strategy} wins.
 */
public class SchedulerPolling implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "db-scheduler.polling-strategy";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty("spring.datasource.url", "");
    if (url.startsWith("jdbc:postgresql:") && !environment.containsProperty(PROPERTY)) {
      environment.getPropertySources().addLast(new MapPropertySource("kodama-scheduler-polling",
          Map.of(PROPERTY, "lock_and_fetch")));
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
  }
}
