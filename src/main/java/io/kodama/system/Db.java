package io.kodama.system;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Timestamp conversions that behave the same on H2 and PostgreSQL, and which of the two runs. */
public final class Db {

  private Db() {}

  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Whether the data source is PostgreSQL (else H2), asked of the database itself. */
  public static boolean isPostgresql(DataSource dataSource) throws MetaDataAccessException {
    return "PostgreSQL".equalsIgnoreCase(
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
  }
}
