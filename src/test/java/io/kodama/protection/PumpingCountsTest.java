package io.kodama.protection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.kodama.protection.PumpingCounts.Counts;
import io.kodama.protection.PumpingCounts.Destination;
import io.kodama.support.KodamaTest;
import io.kodama.support.MutableClock;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pumping guard's counts per destination and minute: written or not, each counted once. */
@KodamaTest
class PumpingCountsTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;
  @Autowired DataSource dataSource;

  private PumpingCounts counts;
  private final Destination range = new Destination("ten_pump_" + System.nanoTime(), "prefix", "+81901234");
  private final Destination other = new Destination(range.tenantId(), "prefix", "+81901235");

  @BeforeEach
  void setUp() {
    counts = new PumpingCounts(jdbc, clock);
  }

  @AfterEach
  void tearDown() {
    counts.stop();
  }

  @Test
  void countsUnwrittenAndWrittenOnceEach() {
    Instant start = clock.instant();
    counts.add(range, start, 3, 1);
    counts.add(other, start, 7, 0);
    assertThat(counts.latest(range, start.minusSeconds(60), 100)).isEqualTo(new Counts(3, 1));

    counts.flush();
    assertThat(written(range)).isEqualTo(3);
    assertThat(counts.latest(range, start.minusSeconds(60), 100)).isEqualTo(new Counts(3, 1));

    counts.add(range, start, 2, 0);
    counts.add(range, start, 0, 2); // approvals of this minute's sends, counted later
    assertThat(counts.latest(range, start.minusSeconds(60), 100)).isEqualTo(new Counts(5, 3));
    counts.flush();
    counts.flush();
    assertThat(written(range)).isEqualTo(5);
    assertThat(counts.latest(range, start.minusSeconds(60), 100)).isEqualTo(new Counts(5, 3));
    assertThat(counts.latest(other, start.minusSeconds(60), 100)).isEqualTo(new Counts(7, 0));
  }

  @Test
  void readsTheLatestMinutesUntilEnoughSendsAndNothingBeforeTheWindow() {
    Instant now = clock.instant();
    counts.add(range, now.minus(Duration.ofMinutes(90)), 50, 0); // outside an hour's window
    counts.add(range, now.minus(Duration.ofMinutes(2)), 4, 0);
    counts.flush();
    counts.add(range, now, 3, 0);
    counts.add(range, now.minus(Duration.ofMinutes(30)), 10, 10); // unwritten, but older than a written minute

    Instant hourAgo = now.minus(Duration.ofHours(1));
    assertThat(counts.latest(range, hourAgo, 1000)).as("the whole window").isEqualTo(new Counts(17, 10));
    assertThat(counts.latest(range, hourAgo, 7)).as("the latest minutes with 7 sends").isEqualTo(new Counts(7, 0));
    assertThat(counts.latest(range, hourAgo, 8)).as("one minute more").isEqualTo(new Counts(17, 10));
    assertThat(counts.latest(range, now.minus(Duration.ofHours(2)), 1000)).isEqualTo(new Counts(67, 10));
  }

  @Test
  void aResetForgetsWrittenAndUnwrittenCountsOfThatDestinationOnly() {
    Instant now = clock.instant();
    counts.add(range, now.minusSeconds(120), 4, 0);
    counts.add(other, now, 2, 0);
    counts.flush();
    counts.add(range, now, 1, 0);

    counts.reset(range);
    counts.flush();
    assertThat(counts.latest(range, now.minusSeconds(3600), 100)).isEqualTo(new Counts(0, 0));
    assertThat(written(range)).isZero();
    assertThat(counts.latest(other, now.minusSeconds(3600), 100)).isEqualTo(new Counts(2, 0));
  }

  @Test
  void forgetsMinutesBeforeTheCutoff() {
    Instant now = clock.instant();
    counts.add(range, now.minus(Duration.ofDays(9)), 5, 0);
    counts.add(range, now.minus(Duration.ofDays(1)), 2, 0);
    counts.flush();
    assertThat(counts.forgetBefore(now.minus(Duration.ofDays(8)))).isGreaterThanOrEqualTo(1);
    assertThat(written(range)).isEqualTo(2);
  }

  @Test
  void parallelAddsWhileFlushingAreNeitherLostNorCountedTwice() throws Exception {
    Instant now = clock.instant();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> adders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        adders.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            counts.add(range, now, 1, i % 2);
          }
        }));
      }
      int before = 0;
      while (adders.stream().anyMatch(f -> !f.isDone())) { // a count written and unwritten, or neither, shows as a dip
        counts.flush();
        int seen = counts.latest(range, now.minusSeconds(60), Integer.MAX_VALUE).sends();
        assertThat(seen).isBetween(before, 2000);
        before = seen;
      }
      for (Future<?> adder : adders) {
        adder.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(counts.latest(range, now.minusSeconds(60), Integer.MAX_VALUE)).isEqualTo(new Counts(2000, 1000));
    counts.flush();
    assertThat(written(range)).isEqualTo(2000);
    assertThat(counts.latest(range, now.minusSeconds(60), Integer.MAX_VALUE)).isEqualTo(new Counts(2000, 1000));
  }

  /**
   * Counts are added after commits, by threads that still hold their connection. A read or a flush
   * that waited for a connection while holding a destination's lock made them wait for it, and it
   * for them, until the pool's timeout (seen under load: every connection taken, 30 s of errors).
   */
  @Test
  void readsAndFlushesWaitingForAConnectionDoNotBlockCountsAddedByThreadsHoldingOne() throws Exception {
    HikariDataSource app = (HikariDataSource) dataSource;
    Instant now = clock.instant();
    try (HikariDataSource onlyOne = new HikariDataSource()) {
      onlyOne.setJdbcUrl(app.getJdbcUrl());
      onlyOne.setUsername(app.getUsername());
      onlyOne.setPassword(app.getPassword());
      onlyOne.setMaximumPoolSize(1);
      onlyOne.setConnectionTimeout(120_000);
      PumpingCounts small = new PumpingCounts(new JdbcTemplate(onlyOne), clock);
      try {
        small.add(range, now, 1, 0);
        FutureTask<Counts> read = new FutureTask<>(() -> small.latest(range, now.minusSeconds(60), 100));
        FutureTask<Void> flush = new FutureTask<>(small::flush, null);
        FutureTask<Void> add = new FutureTask<>(() -> small.add(range, now, 1, 0), null);
        try (Connection held = onlyOne.getConnection()) { // as a request thread after its commit
          awaitParked(start(read));
          awaitParked(start(flush));
          start(add);
          add.get(20, TimeUnit.SECONDS); // before the fix: blocked until the pool's timeout
        }
        assertThat(read.get(20, TimeUnit.SECONDS).sends()).isBetween(1, 2);
        flush.get(20, TimeUnit.SECONDS);
        assertThat(small.latest(range, now.minusSeconds(60), 100)).isEqualTo(new Counts(2, 0));
      } finally {
        small.stop();
      }
    }
  }

  private static Thread start(Runnable task) {
    Thread thread = new Thread(task, "pumping-counts-test");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Waits until the thread waits (for a connection or a lock). */
  private static void awaitParked(Thread thread) throws InterruptedException {
    for (int i = 0; i < 2000; i++) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("thread did not wait: " + thread.getState());
  }

  private int written(Destination destination) {
    return jdbc.queryForObject("select coalesce(sum(sends), 0) from protection_counts where tenant_id = ? and scope = ?"
        + " and block_key = ?", Integer.class, destination.tenantId(), destination.scope(), destination.key());
  }
}
