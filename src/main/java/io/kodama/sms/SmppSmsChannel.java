package io.kodama.sms;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.DeliveryChannel;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.dispatch.RetryableDeliveryException;
import io.kodama.phone.MaskedNumber;
import io.kodama.sms.smpp.OutboundSms;
import io.kodama.sms.smpp.SmppClient;
import io.kodama.sms.smpp.SmsEncoding;
import io.kodama.sms.smpp.SubmitOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMS channel: renders the text, submits it over SMPP and reports {@code submitted} or {@code
 * failed}; receipts later report {@code delivered} or {@code undelivered}, and the receipt timeout
 * {@code failed}/{@code no_receipt}. {@link #deliver} returns once every part is answered by the
 * SMSC. It never sends an attempt twice: a repeated call for an attempt already handed over does
 * nothing, and a part that may have reached the SMSC is never resent. A Spring bean of
 * {@code SmsConfiguration}.
 */
public final class SmppSmsChannel implements DeliveryChannel {

  private static final Logger log = LoggerFactory.getLogger(SmppSmsChannel.class);

  private final SmppClient client;
  private final SmsMessageStore store;
  private final DeliveryReceipts receipts;
  private final AttemptUpdates updates;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration receiptTimeout;
  private final Duration bindWait;
  private final AtomicInteger reference = new AtomicInteger();

  SmppSmsChannel(
      SmppClient client,
      SmsMessageStore store,
      DeliveryReceipts receipts,
      AttemptUpdates updates,
      TransactionTemplate tx,
      Clock clock,
      SmsProperties properties) {
    this.client = client;
    this.store = store;
    this.receipts = receipts;
    this.updates = updates;
    this.tx = tx;
    this.clock = clock;
    this.receiptTimeout = properties.receiptTimeout();
    this.bindWait = properties.bindWait();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public void deliver(DeliveryTask task) {
    String attemptId = task.attemptId();
    SmsEncoding.Encoded encoded =
        SmsEncoding.encode(SmsTemplates.render(task), reference.incrementAndGet());
    AtomicBoolean claimed = new AtomicBoolean();
    BooleanSupplier claim = () -> {
      Instant now = clock.instant();
      claimed.set(store.begin(attemptId, task.to(), encoded.segments(), now, now.plus(receiptTimeout)));
      return claimed.get();
    };
    SubmitOutcome outcome;
    try {
      outcome = client.submit(new OutboundSms(task.to(), encoded, task.validityMinutes()), bindWait, claim);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      forgetIf(claimed, attemptId);
      throw new RetryableDeliveryException("interrupted before the SMS was sent", e);
    }
    if (outcome instanceof SubmitOutcome.HandedOverBefore) {
      // handed to the SMSC by an earlier run, which normally recorded the outcome too; one that
      // could not (database unavailable, node stopped) leaves it sent without a confirmed id, and
      // its receipt is matched by the number: it is never sent twice
      if (submitted(attemptId, task.to(), List.of(), encoded.segments(), false)) {
        log.warn("SMS for attempt {} was handed to the SMSC before without its outcome recorded; waiting for its"
            + " receipt", attemptId);
      } else {
        log.info("SMS for attempt {} was handed to the SMSC before; not sent again", attemptId);
      }
      return;
    }
    if (outcome instanceof SubmitOutcome.NotSent n) {
      forgetIf(claimed, attemptId);
      throw new RetryableDeliveryException("SMS not sent, try later: " + n.reason());
    }
    try {
      if (outcome instanceof SubmitOutcome.Accepted a) {
        submitted(attemptId, task.to(), a.messageIds(), encoded.segments(), true);
      } else if (outcome instanceof SubmitOutcome.Unconfirmed u) {
        submitted(attemptId, task.to(), u.messageIds(), encoded.segments(), false);
      } else if (outcome instanceof SubmitOutcome.Rejected r) {
        log.info("SMS attempt {} to {} failed: {}", attemptId, MaskedNumber.of(task.to()), r.reason());
        tx.executeWithoutResult(s -> {
          store.mapIds(attemptId, r.messageIds(), true);
          if (store.close(attemptId, "failed", r.reason(), clock.instant())) {
            updates.record(attemptId, "failed", r.reason(), detail(r.messageIds(), encoded.segments()));
          }
        });
      }
    } catch (DataAccessException e) {
      // not a failed attempt: the SMS may be on its way. The retry finds it handed over (above)
      throw new RetryableDeliveryException("the SMSC answered, but its answer could not be recorded yet", e);
    }
  }

  /** Lets a retry send the SMS: this call claimed it, and it certainly was not sent. */
  private void forgetIf(AtomicBoolean claimed, String attemptId) {
    if (claimed.get()) {
      store.forget(attemptId);
    }
  }

  /** Records a submit; false (and nothing done) when the attempt was not sending any more. */
  private boolean submitted(
      String attemptId, String to, List<String> ids, int segments, boolean confirmed) {
    boolean marked = Boolean.TRUE.equals(tx.execute(s -> {
      store.mapIds(attemptId, ids, false);
      if (!store.markSubmitted(attemptId, confirmed, clock.instant())) {
        return false;
      }
      Map<String, Object> detail = detail(ids, segments);
      if (!confirmed) {
        detail.put("submitResponse", "missing");
      }
      updates.record(attemptId, "submitted", null, detail);
      return true;
    }));
    // only after the mapping is committed: a receipt kept meanwhile is then seen by one side
    if (!marked || confirmed && !store.hasOrphansFor(ids)) {
      return marked;
    }
    tx.executeWithoutResult(s -> {
      receipts.applyEarlyReceipts(attemptId, ids);
      if (!confirmed) {
        receipts.applyEarlyReceiptFrom(attemptId, to);
      }
    });
    return true;
  }

  private static Map<String, Object> detail(List<String> ids, int segments) {
    Map<String, Object> detail = new HashMap<>();
    detail.put("segments", segments);
    if (!ids.isEmpty()) {
      detail.put("smscMessageId", ids.get(0));
    }
    if (ids.size() > 1) {
      detail.put("smscMessageIds", List.copyOf(ids));
    }
    return detail;
  }
}
