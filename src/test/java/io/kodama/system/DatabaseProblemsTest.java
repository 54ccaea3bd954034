package io.kodama.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The answer to a request that the database could not serve, from the exceptions a real pool
 * throws: {@code busy} while every connection is taken, {@code database-unavailable} while the
 * database cannot be reached or drops the connection (a 500 before).
 */
class DatabaseProblemsTest {

  private final ProblemHandler handler = new ProblemHandler();
  private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/verifications");

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("sa");
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  @Test
  void everyConnectionTakenIsBusy() throws Exception {
    try (HikariDataSource pool = pool("jdbc:h2:mem:problems")) {
      try (Connection taken = pool.getConnection()) {
        Exception e = catchException(() -> DataSourceUtils.getConnection(pool));
        assertProblem(handler.database(e, request), "busy", "1");
      }
    }
  }

  @Test
  void aDatabaseThatCannotBeReachedIsUnavailableAlsoWhenATransactionStarts() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/kodama")) {
      Exception noConnection = catchException(() -> DataSourceUtils.getConnection(pool));
      assertProblem(handler.database(noConnection, request), "database-unavailable", "5");
      Exception noTransaction = catchException(
          () -> new DataSourceTransactionManager(pool).getTransaction(new DefaultTransactionDefinition()));
      assertProblem(handler.database(noTransaction, request), "database-unavailable", "5");
    }
  }

  @Test
  void aConnectionDroppedDuringAStatementIsUnavailable() {
    Exception e = new DataAccessResourceFailureException("PreparedStatementCallback",
        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
    assertProblem(handler.database(e, request), "database-unavailable", "5");
  }

  private static void assertProblem(ResponseEntity<ProblemDetail> response, String type, String retryAfter) {
    assertThat(response.getStatusCode().value()).isEqualTo(503);
    assertThat(response.getBody().getType().toString()).isEqualTo("https://kodama.dev/problems/" + type);
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo(retryAfter);
    assertThat(response.getBody().getDetail()).doesNotContain("Exception").doesNotContain("SQL");
  }
}
