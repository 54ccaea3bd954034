package io.kodama.protection;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Sends and approvals per destination (a range or a country of a tenant) and minute, for the
 * pumping guard. The guard used to count a destination's latest sends row by row at every start
 * (up to 2,000 rows for a foreign country, and H2 read every send of the window to sort them): a
 * quarter of the server's CPU after a quarter of an hour of load. Now it reads a small row per minute.
 *
 * <p>Like the daily spend, committed counts are added up in memory and written by one background
 * flush per second (one row update per destination and minute instead of a hot row updated by
 * every start); a node counts its own unwritten counts too, so one node sees its sends at once and
 * other nodes see them up to a second late. A node that crashes loses its last second of counts.
 * A destination's reads and the flush of its counts exclude each other, so a read never sees a
 * count both written and unwritten, or neither.
 */
@Component
class PumpingCounts {

  /** A tenant's range ({@code prefix}) or country ({@code country}). */
  record Destination(String tenantId, String scope, String key) {}

  /** Sends and approvals of the latest minutes read. */
  record Counts(int sends, int approvals) {}

  private static final class Unwritten {
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger approvals = new AtomicInteger();
  }

  private static final int STRIPES = 64;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ConcurrentHashMap<Destination, ConcurrentHashMap<Long, Unwritten>> unwritten = new ConcurrentHashMap<>();
  private final ReadWriteLock[] locks = new ReadWriteLock[STRIPES];
  private final SecondlyFlush flusher;

  PumpingCounts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantReadWriteLock();
    }
    this.flusher = new SecondlyFlush("pumping-flush", "the pumping guard's counts", this::flush);
  }

  private static long minute(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 60);
  }

  /** Counts committed sends (and approvals of sends) made in the minute of {@code sentAt}. */
  void add(Destination destination, Instant sentAt, int sends, int approvals) {
    ReadWriteLock lock = lock(destination);
    lock.readLock().lock(); // shared among adds and reads; the flush removes entries it wrote
    try {
      Unwritten counts = unwritten.computeIfAbsent(destination, d -> new ConcurrentHashMap<>())
          .computeIfAbsent(minute(sentAt), m -> new Unwritten());
      counts.sends.addAndGet(sends);
      counts.approvals.addAndGet(approvals);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The destination's sends and approvals of its latest minutes since {@code since}, newest first,
   * until they hold at least {@code enough} sends (or the minutes run out).
   */
  Counts latest(Destination destination, Instant since, int enough) {
    long from = minute(since);
    return locked(lock(destination).readLock(), db -> {
      // this node's unwritten counts and the written ones, minute by minute, newest first (the
      // index's order: H2 then reads no further than the rows consumed)
      NavigableMap<Long, int[]> own = new TreeMap<>(Comparator.reverseOrder());
      Map<Long, Unwritten> unwrittenHere = unwritten.get(destination);
      if (unwrittenHere != null) {
        unwrittenHere.forEach((minute, counts) -> {
          if (minute >= from) {
            own.put(minute, new int[] {counts.sends.get(), counts.approvals.get()});
          }
        });
      }
      return db.query("select sent_minute, sends, approvals from protection_counts where tenant_id = ? and scope = ?"
          + " and block_key = ? and sent_minute >= ? order by tenant_id, scope, block_key, sent_minute desc", rs -> {
            int sends = 0;
            int approvals = 0;
            boolean more = rs.next();
            while (sends < enough && (more || !own.isEmpty())) {
              long minute = Math.max(more ? rs.getLong(1) : Long.MIN_VALUE,
                  own.isEmpty() ? Long.MIN_VALUE : own.firstKey());
              int[] mine = own.remove(minute);
              if (mine != null) {
                sends += mine[0];
                approvals += mine[1];
              }
              if (more && rs.getLong(1) == minute) {
                sends += rs.getInt(2);
                approvals += rs.getInt(3);
                more = rs.next();
              }
            }
            return new Counts(sends, approvals);
          }, destination.tenantId(), destination.scope(), destination.key(), from);
    });
  }

  /** Forgets every count of the destination: a lifted block starts the count afresh. */
  void reset(Destination destination) {
    locked(lock(destination).writeLock(), db -> {
      unwritten.remove(destination);
      return db.update("delete from protection_counts where tenant_id = ? and scope = ? and block_key = ?",
          destination.tenantId(), destination.scope(), destination.key());
    });
  }

  /** Writes the counts added up since the last flush; what fails to be written is kept for the next. */
  void flush() {
    long oldest = minute(clock.instant()) - 1;
    for (Map.Entry<Destination, ConcurrentHashMap<Long, Unwritten>> entry : unwritten.entrySet()) {
      Destination destination = entry.getKey();
      locked(lock(destination).writeLock(), db -> {
        for (Map.Entry<Long, Unwritten> minute : entry.getValue().entrySet()) {
          Unwritten counts = minute.getValue();
          int sends = counts.sends.get();
          int approvals = counts.approvals.get();
          if (sends == 0 && approvals == 0) {
            if (minute.getKey() < oldest) {
              entry.getValue().remove(minute.getKey(), counts); // approvals of old sends get a new entry
            }
            continue;
          }
          // the minute's row exists after its first flush: update first, insert when there is none
          if (!addTo(db, destination, minute.getKey(), sends, approvals)) {
            boolean inserted = db.update("insert into protection_counts (tenant_id, scope, block_key, sent_minute,"
                    + " sends, approvals) values (?, ?, ?, ?, ?, ?) on conflict do nothing", destination.tenantId(),
                destination.scope(), destination.key(), minute.getKey(), sends, approvals) == 1;
            if (!inserted) { // another node inserted it meanwhile
              addTo(db, destination, minute.getKey(), sends, approvals);
            }
          }
          counts.sends.addAndGet(-sends);
          counts.approvals.addAndGet(-approvals);
        }
        if (entry.getValue().isEmpty()) {
          unwritten.remove(destination, entry.getValue());
        }
        return null;
      });
    }
  }

  private static boolean addTo(JdbcTemplate db, Destination destination, long minute, int sends, int approvals) {
    return db.update("update protection_counts set sends = sends + ?, approvals = approvals + ? where tenant_id = ?"
            + " and scope = ? and block_key = ? and sent_minute = ?", sends, approvals,
        destination.tenantId(), destination.scope(), destination.key(), minute) == 1;
  }

  /**
   * Runs {@code work} under the lock, on a connection taken before the lock. Never the other way
   * round: {@link #add} runs after commits, on threads that still hold their connection, so a lock
   * holder waiting for a connection would wait for them, and they for it, until the pool's timeout.
   * Outside a transaction the connection commits each statement, so a flush's rows are visible to
   * other nodes before its counts leave memory.
   */
  private <T> T locked(Lock lock, Function<JdbcTemplate, T> work) {
    return jdbc.execute((ConnectionCallback<T>) connection -> {
      lock.lock();
      try {
        return work.apply(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
      } finally {
        lock.unlock();
      }
    });
  }

  @PreDestroy
  void stop() {
    flusher.close();
  }

  int forgetBefore(Instant cutoff) {
    return jdbc.update("delete from protection_counts where sent_minute < ?", minute(cutoff));
  }

  private ReadWriteLock lock(Destination destination) {
    return locks[Math.floorMod(destination.hashCode(), STRIPES)];
  }
}
