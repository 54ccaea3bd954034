package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fails SMS whose receipt did not come in time ({@code no_receipt}), also those whose
 * submit_sm_resp never came. An SMS without a confirmed id (its node died before the answer was
 * recorded, or the answer never came) first takes the receipt kept for its number, if there is
 * exactly one. Durable: the due time is in the table, and any node may sweep (the state change is
 * conditional, so one wins).
 */
final class ReceiptTimeouts implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReceiptTimeouts.class);
  private static final int BATCH = 500;

  private final SmsMessageStore store;
  private final DeliveryReceipts receipts;
  private final AttemptUpdates updates;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  ReceiptTimeouts(
      SmsMessageStore store, DeliveryReceipts receipts, AttemptUpdates updates, TransactionTemplate tx, Clock clock,
      Duration interval) {
    this.store = store;
    this.receipts = receipts;
    this.updates = updates;
    this.tx = tx;
    this.clock = clock;
    this.interval = interval;
  }

  /** Fails every overdue attempt now; returns how many. */
  int sweep() {
    Instant now = clock.instant();
    int failed = 0;
    List<SmsMessageStore.Overdue> due;
    do {
      due = store.overdue(now, BATCH);
      for (SmsMessageStore.Overdue overdue : due) {
        String attemptId = overdue.attemptId();
        Boolean changed = tx.execute(s -> {
          if (!overdue.idsConfirmed()) {
            receipts.applyEarlyReceiptFrom(attemptId, overdue.destination());
          }
          if (store.close(attemptId, "failed", "no_receipt", now)) {
            updates.record(attemptId, "failed", "no_receipt", Map.of());
            return true;
          }
          return false;
        });
        if (Boolean.TRUE.equals(changed)) {
          failed++;
        }
      }
    } while (due.size() == BATCH);
    store.purgeOrphansBefore(now.minus(Duration.ofDays(1)));
    return failed;
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sms-receipt-timeouts");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) {
        log.info("{} SMS failed without a delivery receipt", n);
      }
    } catch (RuntimeException e) {
      log.warn("Sweeping overdue SMS receipts failed; trying again later", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
