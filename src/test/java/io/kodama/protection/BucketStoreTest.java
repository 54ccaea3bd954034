package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.protection.BucketStore.Bucket;
import io.kodama.protection.BucketStore.Refusal;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The rate-limit buckets of the database the suite runs on (in memory on H2, a table on PostgreSQL). */
@KodamaTest
class BucketStoreTest {

  @Autowired BucketStore store;
  @Autowired DataSource dataSource;
  @Autowired MutableClock clock;

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

  @Test
  void aBucketGivesItsCapacityThenRefillsEvenlyOverItsPeriod() {
    Bucket bucket = bucket("a", 3, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(store.take(List.of(bucket))).isEmpty();
    }
    Optional<Refusal> refused = store.take(List.of(bucket));
    assertThat(refused).get().extracting(Refusal::limit).isEqualTo("a");
    assertThat(refused.get().retryAfter()).isCloseTo(Duration.ofSeconds(20), Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(15));
    assertThat(store.take(List.of(bucket)).orElseThrow().retryAfter()).isCloseTo(Duration.ofSeconds(5), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(5));
    assertThat(store.take(List.of(bucket))).isEmpty();
    assertThat(store.take(List.of(bucket))).isPresent();

    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(store.take(List.of(bucket))).as("full again, never above its capacity").isEmpty();
    }
    assertThat(store.take(List.of(bucket))).isPresent();
  }

  @Test
  void aRefusedSendTakesNoTokenAndWaitsForItsLongestEmptyBucket() {
    Bucket roomy = bucket("roomy", 2, Duration.ofSeconds(1));
    Bucket hourly = bucket("hourly", 1, Duration.ofHours(1));
    Bucket daily = bucket("daily", 1, Duration.ofDays(1));
    assertThat(store.take(List.of(roomy, hourly, daily))).isEmpty();

    Optional<Refusal> refused = store.take(List.of(roomy, hourly, daily));
    assertThat(refused).get().extracting(Refusal::limit).as("the first empty bucket").isEqualTo("hourly");
    assertThat(refused.get().retryAfter()).isCloseTo(Duration.ofDays(1), Duration.ofSeconds(1));
    // the refused send gave its token from the roomy bucket back: one is still there
    assertThat(store.take(List.of(roomy))).isEmpty();
    assertThat(store.take(List.of(roomy))).isPresent();
  }

  @Test
  void parallelSendsNeverTakeMoreThanTheCapacity() throws Exception {
    Bucket shared = bucket("shared", 25, Duration.ofHours(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> sends = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Bucket own = bucket("own", 10, Duration.ofHours(1));
      List<Bucket> buckets = i % 2 == 0 ? List.of(shared, own) : List.of(own, shared);
      sends.add(() -> store.take(buckets).isEmpty());
    }
    int allowed = 0;
    for (Future<Boolean> send : pool.invokeAll(sends)) {
      allowed += send.get() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(allowed).isEqualTo(25);
  }

  @Test
  void forgetsBucketsThatAreFullAgain() {
    Bucket bucket = bucket("a", 1, Duration.ofSeconds(10));
    assertThat(store.take(List.of(bucket))).isEmpty();
    clock.advance(Duration.ofDays(2));
    assertThat(store.removeIdle()).isPositive();
    assertThat(store.take(List.of(bucket))).as("a forgotten bucket starts full").isEmpty();
    assertThat(store.take(List.of(bucket))).isPresent();
  }

  private static Bucket bucket(String limit, long capacity, Duration period) {
    return new Bucket(limit, "test|" + UUID.randomUUID() + "|" + capacity, capacity, period);
  }
}
