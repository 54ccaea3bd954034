package io.kodama.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.sms.smpp.Receipt;
import io.kodama.sms.smpp.ReceiptText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receipt matching on the real tables (H2 in PostgreSQL mode), without SMPP. */
class DeliveryReceiptsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-04-01T03:00:00Z"));
  private final TestDatabase db = new TestDatabase();
  private final RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SmsMessageStore store = new SmsMessageStore(db.dataSource);
  private final DeliveryReceipts receipts = new DeliveryReceipts(store, updates, db.tx, clock, meters);

  private void submitted(String attemptId, String messageId) {
    store.begin(attemptId, "+819012345678", 1, clock.instant(), clock.instant().plus(Duration.ofMinutes(2)));
    db.tx.executeWithoutResult(s -> {
      store.mapIds(attemptId, List.of(messageId), true);
      store.markSubmitted(attemptId, clock.instant());
      receipts.applyEarlyReceipts(attemptId, List.of(messageId));
    });
  }

  private double counted(String result) {
    return meters.get("kodama.sms.receipts").tag("result", result).counter().count();
  }

  @Test
  void decimalReceiptMatchesHexSubmitResponse() {
    submitted("att_1", "1A2B");
    receipts.accept(ReceiptText.parse("id:6699 sub:001 dlvrd:001 stat:DELIVRD err:000"));
    assertThat(updates.statusesOf("att_1")).containsExactly("delivered");
  }

  @Test
  void hexReceiptMatchesDecimalSubmitResponseWithLeadingZeros() {
    submitted("att_2", "0000006699");
    receipts.accept(ReceiptText.parse("id:00001A2B stat:UNDELIV err:001"));
    assertThat(updates.statusesOf("att_2")).containsExactly("undelivered");
    assertThat(updates.last("att_2").reason()).isEqualTo("UNDELIV:001");
  }

  @Test
  void receiptBeforeTheSubmitResponseIsAppliedWhenTheMappingAppears() {
    store.begin("att_3", "+819012345678", 1, clock.instant(), clock.instant().plus(Duration.ofMinutes(2)));
    double matchedBefore = counted("matched");
    receipts.accept(ReceiptText.parse("id:777 stat:DELIVRD err:000", "777", 2, "+819012345678"));
    assertThat(updates.of("att_3")).isEmpty();
    assertThat(counted("kept")).isEqualTo(1.0);

    db.tx.executeWithoutResult(s -> {
      store.mapIds("att_3", List.of("777"), true);
      store.markSubmitted("att_3", clock.instant());
      receipts.applyEarlyReceipts("att_3", List.of("777"));
    });
    assertThat(updates.statusesOf("att_3")).containsExactly("delivered");
    assertThat(store.orphansFor(List.of("777"))).isEmpty();
    assertThat(counted("matched")).isEqualTo(matchedBefore + 1);
  }

  @Test
  void duplicateReceiptsChangeNothingMore() {
    submitted("att_4", "42");
    Receipt r = ReceiptText.parse("id:42 stat:DELIVRD err:000");
    receipts.accept(r);
    receipts.accept(r);
    receipts.accept(ReceiptText.parse("id:42 stat:UNDELIV err:001"));
    assertThat(updates.statusesOf("att_4")).containsExactly("delivered");
  }

  @Test
  void anIdTheSmscGivesAgainBelongsToTheLatestSms() {
    submitted("att_old", "4100000009");
    receipts.accept(ReceiptText.parse("id:4100000009 stat:DELIVRD err:000"));
    // the SMSC restarted and counts from the start again
    submitted("att_new", "4100000009");
    receipts.accept(ReceiptText.parse("id:4100000009 stat:UNDELIV err:001"));
    assertThat(updates.statusesOf("att_new")).containsExactly("undelivered");
    assertThat(updates.statusesOf("att_old")).containsExactly("delivered");
    // mapped again by a retry of the same attempt: nothing changes
    db.tx.executeWithoutResult(s -> store.mapIds("att_new", List.of("4100000009"), true));
    receipts.accept(ReceiptText.parse("id:4100000009 stat:DELIVRD err:000"));
    assertThat(updates.statusesOf("att_new")).containsExactly("undelivered");
  }

  @Test
  void intermediateReceiptsChangeNothing() {
    submitted("att_5", "43");
    receipts.accept(ReceiptText.parse("id:43 stat:ENROUTE"));
    receipts.accept(ReceiptText.parse("id:43 stat:ACCEPTD"));
    assertThat(updates.of("att_5")).isEmpty();
    receipts.accept(ReceiptText.parse("id:43 stat:EXPIRED err:027"));
    assertThat(updates.statusesOf("att_5")).containsExactly("undelivered");
  }

  @Test
  void unknownIdsAreCountedAndKeptWithoutFailing() {
    receipts.accept(ReceiptText.parse("id:999999 stat:DELIVRD", null, null, "+819099990000"));
    receipts.accept(ReceiptText.parse("no id at all"));
    assertThat(counted("kept")).isEqualTo(1.0);
    assertThat(counted("unmatched")).isEqualTo(1.0);
    assertThat(updates.all()).isEmpty();
  }

  @Test
  void receiptForAnUnconfirmedSubmitIsMatchedByTheNumber() {
    store.begin("att_6", "+819012340006", 1, clock.instant(), clock.instant().plus(Duration.ofMinutes(2)));
    store.markSubmitted("att_6", clock.instant()); // submit_sm_resp never came: ids unknown
    receipts.accept(ReceiptText.parse("id:5555 stat:DELIVRD err:000", null, null, "+819012340006"));
    assertThat(updates.statusesOf("att_6")).containsExactly("delivered");
  }

  @Test
  void anSmsWhoseNodeDiedBeforeTheSubmitResponseTakesTheReceiptKeptForItsNumberWhenItIsOverdue() {
    // handed to the SMSC, then its node died: no id recorded, and the receipt is kept by another node
    store.begin("att_9", "+819012340009", 1, clock.instant(), clock.instant().plus(Duration.ofMinutes(2)));
    receipts.accept(ReceiptText.parse("id:9999 stat:DELIVRD err:000", null, null, "+819012340009"));
    assertThat(updates.of("att_9")).isEmpty();
    ReceiptTimeouts timeouts = new ReceiptTimeouts(store, receipts, updates, db.tx, clock, Duration.ofSeconds(1));

    clock.advance(Duration.ofMinutes(3));
    assertThat(timeouts.sweep()).isZero();
    assertThat(updates.statusesOf("att_9")).containsExactly("delivered");
    assertThat(store.orphansFrom("+819012340009")).isEmpty();
  }

  @Test
  void sweepFailsOnlyOverdueAttempts() {
    submitted("att_7", "70");
    clock.advance(Duration.ofMinutes(1));
    submitted("att_8", "80");
    ReceiptTimeouts timeouts = new ReceiptTimeouts(store, receipts, updates, db.tx, clock, Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(90));
    assertThat(timeouts.sweep()).isEqualTo(1);
    assertThat(updates.statusesOf("att_7")).containsExactly("failed");
    assertThat(updates.of("att_8")).isEmpty();
    receipts.accept(ReceiptText.parse("id:70 stat:DELIVRD"));
    assertThat(updates.statusesOf("att_7")).containsExactly("failed");
  }
}
