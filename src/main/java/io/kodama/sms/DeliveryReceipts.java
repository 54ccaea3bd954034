package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.phone.MaskedNumber;
import io.kodama.sms.smpp.MessageIds;
import io.kodama.sms.smpp.Receipt;
import io.kodama.sms.smpp.ReceiptSink;
import io.kodama.system.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies delivery receipts to attempts: {@code DELIVRD} → delivered, any other final state →
 * undelivered with {@code STAT:err} as the reason; {@code ACCEPTD}/{@code ENROUTE} change nothing.
 * A receipt whose id is not mapped yet (it overtook its submit_sm_resp) is kept and applied when
 * the mapping appears. The first final receipt of any part decides; later ones and duplicates are
 * ignored.
 */
final class DeliveryReceipts implements ReceiptSink {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);

  private final SmsMessageStore store;
  private final AttemptUpdates updates;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Counter matched;
  private final Counter unmatched;
  private final Counter kept;
  private final Counter intermediate;

  DeliveryReceipts(
      SmsMessageStore store,
      AttemptUpdates updates,
      TransactionTemplate tx,
      Clock clock,
      MeterRegistry meters) {
    this.store = store;
    this.updates = updates;
    this.tx = tx;
    this.clock = clock;
    this.matched = receipts(meters, "matched");
    this.unmatched = receipts(meters, "unmatched");
    this.kept = receipts(meters, "kept");
    this.intermediate = receipts(meters, "intermediate");
  }

  private static Counter receipts(MeterRegistry meters, String result) {
    return Counter.builder("kodama.sms.receipts")
        .description("SMPP delivery receipts read: matched to an attempt (at once or when its submit response came),"
            + " kept for a submit response still to come, intermediate, or unmatched (no id or state)")
        .tag("result", result)
        .register(meters);
  }

  @Override
  public void accept(Receipt receipt) {
    if (receipt.messageId().isEmpty() || receipt.stat() == null) {
      unmatched.increment();
      log.warn("Receipt without a message id or state from {} ignored", MaskedNumber.of(receipt.handset()));
      return;
    }
    if (receipt.isIntermediate()) {
      intermediate.increment();
      return;
    }
    Optional<String> attempt = tx.execute(s -> {
      Optional<String> found = store.attemptFor(receipt);
      if (found.isPresent()) {
        apply(found.get(), receipt.stat(), receipt.err(), receipt.messageId().get());
      } else {
        store.keepOrphan(receipt, clock.instant());
      }
      return found;
    });
    if (attempt.isPresent()) {
      matched.increment();
      return;
    }
    // the mapping may have been written while the receipt was kept: look once more
    Boolean adopted = tx.execute(s -> {
      Optional<String> found = store.attemptFor(receipt);
      if (found.isEmpty()) {
        found = store.unconfirmedAttemptTo(receipt.handset());
        found.ifPresent(id -> store.mapIds(id, List.of(receipt.messageId().get()), false));
      }
      found.ifPresent(id -> {
        apply(id, receipt.stat(), receipt.err(), receipt.messageId().get());
        store.deleteOrphan(MessageIds.key(receipt.messageId().get()));
      });
      return found.isPresent();
    });
    if (Boolean.TRUE.equals(adopted)) {
      matched.increment();
    } else {
      kept.increment();
      log.info("Receipt {} for unknown message id from {} kept for a later submit response",
          receipt.stat(), MaskedNumber.of(receipt.handset()));
    }
  }

  /** Applies receipts that overtook the submit_sm_resp of these ids; in the caller's transaction. */
  void applyEarlyReceipts(String attemptId, List<String> messageIds) {
    for (SmsMessageStore.Orphan orphan : store.orphansFor(messageIds)) {
      if (orphan.stat() != null && !orphan.stat().equals("ACCEPTD") && !orphan.stat().equals("ENROUTE")) {
        apply(attemptId, orphan.stat(), orphan.err(), orphan.messageKey());
        matchedLater();
      }
      store.deleteOrphan(orphan.messageKey());
    }
  }

  /**
   * For a submit whose response never came: a single early receipt from the same handset, with
   * an id no attempt has, is taken as this one's; in the caller's transaction.
   */
  void applyEarlyReceiptFrom(String attemptId, String handset) {
    List<SmsMessageStore.Orphan> orphans = store.orphansFrom(handset).stream()
        .filter(o -> !"ACCEPTD".equals(o.stat()) && !"ENROUTE".equals(o.stat()))
        .toList();
    if (orphans.size() == 1) {
      SmsMessageStore.Orphan orphan = orphans.get(0);
      store.mapIds(attemptId, List.of(orphan.messageKey()), false);
      apply(attemptId, orphan.stat(), orphan.err(), orphan.messageKey());
      store.deleteOrphan(orphan.messageKey());
      matchedLater();
    }
  }

  /** A kept receipt found its attempt: counted as matched once the transaction commits. */
  private void matchedLater() {
    AfterCommit.run(matched::increment);
  }

  private void apply(String attemptId, String stat, String err, String messageId) {
    boolean delivered = "DELIVRD".equals(stat);
    String status = delivered ? "delivered" : "undelivered";
    String reason = delivered ? null : (err == null ? stat : stat + ":" + err);
    if (store.close(attemptId, status, reason, clock.instant())) {
      Map<String, Object> detail = new HashMap<>();
      detail.put("stat", stat);
      if (err != null) {
        detail.put("err", err);
      }
      updates.record(attemptId, status, reason, detail);
    }
  }
}
