package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.support.KodamaTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where the rate-limit buckets live on the database the suite runs on. */
@KodamaTest
class BucketStoreTest {

  @Autowired BucketStore store;
  @Autowired DataSource dataSource;

  @Test
  void postgresqlBucketsCommitWithoutWaitingForTheFlushAndNothingElseDoes() {
    boolean postgresql = System.getProperty("kodama.test.db", "h2").equals("postgresql");
    if (!postgresql) {
      assertThat(store).isInstanceOf(LocalBucketStore.class);
      return;
    }
    assertThat(store).isInstanceOf(PostgresBucketStore.class);
    DataSource buckets = ((PostgresBucketStore) store).pool();
    assertThat(buckets).isNotSameAs(dataSource);
    assertThat(new JdbcTemplate(buckets).queryForObject("show synchronous_commit", String.class)).isEqualTo("off");
    assertThat(new JdbcTemplate(dataSource).queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
  }
}
