package io.kodama.console;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings.
 *
 * @param username the operator's user name
 * @param password the operator's password, in clear or encoded ({@code {bcrypt}…}); when empty, one
 *     is derived from the server secret and printed at start
 * @param demoTenant the tenant the demo phone starts verifications for
 * @param zone the time zone of dates and of the dashboard's days
 */
@ConfigurationProperties("kodama.console")
record ConsoleProperties(
    @DefaultValue("operator") String username,
    String password,
    @DefaultValue("ten_demo") String demoTenant,
    @DefaultValue("Asia/Tokyo") ZoneId zone) {

  ConsoleProperties {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("kodama.console.username must not be empty");
    }
    if (password != null && !password.isEmpty() && !password.startsWith("{") && password.length() < 8) {
      throw new IllegalArgumentException("kodama.console.password must have at least 8 characters");
    }
  }

  boolean passwordConfigured() {
    return password != null && !password.isEmpty();
  }
}
