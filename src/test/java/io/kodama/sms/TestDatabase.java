package io.kodama.sms;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh in-memory H2 (PostgreSQL mode) with the SMS tables of V20__sms.sql. */
final class TestDatabase {

  final DataSource dataSource;
  final TransactionTemplate tx;

  TestDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:sms-" + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20__sms.sql")).execute(ds);
    this.dataSource = ds;
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
  }
}
