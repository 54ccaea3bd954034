package io.kodama.protection;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes counts added up in memory once a second, on its own daemon thread, and a last time when
 * closed. A flush that fails is logged; what it did not write is its owner's to keep for the next.
 */
final class SecondlyFlush implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SecondlyFlush.class);

  private final Runnable flush;
  private final String what;
  private final ScheduledExecutorService thread;

  /** @param what what is written, for the log, e.g. {@code the daily spend counters} */
  SecondlyFlush(String threadName, String what, Runnable flush) {
    this.flush = flush;
    this.what = what;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
  }

  private void flushQuietly() {
    try {
      flush.run();
    } catch (RuntimeException e) {
      log.warn("Could not write {} (kept for the next try): {}", what, e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    flushQuietly();
  }
}
