package io.kodama.system;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that depend on the database; a setting given explicitly always wins.
 *
 * <ul>
 *   <li>PostgreSQL: db-scheduler picks due jobs with lock-and-fetch ({@code select … for update
 *       skip locked}, one statement for a batch) instead of fetching them and then picking each with
 *       its own update. Every SMS, call and webhook delivery is a job, so this saves a statement per
 *       job and the conflicts between nodes picking the same rows. H2 does not support it.
 *   <li>H2: pooled connections live at most a minute. H2 caches query plans per connection (the
 *       URL sets {@code QUERY_CACHE_SIZE=64}, enough for every statement Kodama makes, instead of
 *       8, which re-parsed and re-planned most statements), and a plan made while a table was
 *       nearly empty can be very wrong later (an update by id planned as a scan of every pending
 *       verification): a new connection plans again on the table as it is.
 * </ul>
 */
public class DatabaseDefaults implements EnvironmentPostProcessor, Ordered {

  static final String POLLING = "db-scheduler.polling-strategy";
  static final String MAX_LIFETIME = "spring.datasource.hikari.max-lifetime";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty("spring.datasource.url", "");
    Map<String, Object> defaults = new HashMap<>();
    if (url.startsWith("jdbc:postgresql:") && !environment.containsProperty(POLLING)) {
      defaults.put(POLLING, "lock_and_fetch");
    }
    if (url.startsWith("jdbc:h2:") && !environment.containsProperty(MAX_LIFETIME)) {
      defaults.put(MAX_LIFETIME, "60000");
      defaults.put("spring.datasource.hikari.keepalive-time", "0"); // an embedded database needs none
    }
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource("kodama-database-defaults", defaults));
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
  }
}
