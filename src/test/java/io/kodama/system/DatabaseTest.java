package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.KodamaTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** CI runs the suite twice and says which database each run must really use. */
@KodamaTest
class DatabaseTest {

  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  @Test
  void runsOnTheDatabaseTheBuildAskedFor() throws Exception {
    String expected = System.getProperty("kodama.test.db", "h2");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName().toLowerCase()).contains(expected);
    }
  }

  @Test
  void appliesTheDefaultsOfItsDatabase() throws Exception {
    boolean postgresql = System.getProperty("kodama.test.db", "h2").equals("postgresql");
    assertThat(environment.getProperty(DatabaseDefaults.POLLING)).isEqualTo(postgresql ? "lock_and_fetch" : null);
    assertThat(((HikariDataSource) dataSource).getMaxLifetime()).isEqualTo(postgresql ? 1_800_000 : 60_000);
    if (!postgresql) {
      try (Connection connection = dataSource.getConnection();
          var result = connection.createStatement().executeQuery(
              "select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo("64");
      }
    }
  }
}
