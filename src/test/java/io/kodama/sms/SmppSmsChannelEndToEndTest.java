package io.kodama.sms;

import static io.kodama.sms.SmsTestRig.await;
import static io.kodama.sms.SmsTestRig.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.dispatch.RetryableDeliveryException;
import io.kodama.simulator.smsc.InboxMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SmppSmsChannel → SMPP → SMSC simulator → receipt → AttemptUpdates, over the real wire. */
class SmppSmsChannelEndToEndTest {

  private static SmsTestRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = new SmsTestRig(c -> c);
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void deliveredSmsLandsInTheInboxAndTheAttemptBecomesDelivered() throws Exception {
    rig.channel.deliver(task("att_ok", "+819012340100", "ja"));

    await("delivered", () -> rig.updates.statusesOf("att_ok").contains("delivered"));
    assertThat(rig.updates.statusesOf("att_ok")).containsExactly("submitted", "delivered");
    RecordingAttemptUpdates.Update submitted = rig.updates.of("att_ok").get(0);
    assertThat(submitted.detail()).containsEntry("segments", 1).containsKey("smscMessageId");
    assertThat(rig.updates.last("att_ok").detail()).containsEntry("stat", "DELIVRD").containsEntry("err", "000");
    assertThat(rig.updates.last("att_ok").reason()).isNull();
    List<InboxMessage> inbox = rig.simulator.inbox("+819012340100");
    assertThat(inbox).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("【Kodama Bank】認証コード: 482915（5分間有効）。このコードを他人に教えないでください。");
      assertThat(m.dataCoding()).isEqualTo(8);
      assertThat(m.messageIds()).containsExactly((String) submitted.detail().get("smscMessageId"));
    });
  }

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
    "+819012340901, undelivered, UNDELIV:001",
    "+819012340902, undelivered, REJECTD:013",
    "+819012340903, undelivered, EXPIRED:027",
    "+819012340905, delivered, ",
    "+819012340908, delivered, ",
    "+819012340909, delivered, ",
    "+819012340910, delivered, ",
  })
  void receiptOutcomesReachTheAttempt(String number, String status, String reason) throws Exception {
    String attempt = "att_" + number.substring(number.length() - 3);
    rig.channel.deliver(task(attempt, number, "en"));

    await(status, () -> rig.updates.statusesOf(attempt).contains(status));
    assertThat(rig.updates.statusesOf(attempt)).containsExactly("submitted", status);
    assertThat(rig.updates.last(attempt).reason()).isEqualTo(reason);
    assertThat(rig.simulator.inbox(number)).singleElement()
        .satisfies(m -> assertThat(m.text()).startsWith("Kodama Bank: Your verification code is 482915."));
  }

  @Test
  void refusedSubmitFailsTheAttemptWithTheCommandStatus() {
    rig.channel.deliver(task("att_907", "+819012340907", "ja"));

    assertThat(rig.updates.statusesOf("att_907")).containsExactly("failed");
    assertThat(rig.updates.last("att_907").reason()).isEqualTo("ESME_RINVDSTADR");
    assertThat(rig.simulator.inbox("+819012340907")).isEmpty();
  }

  @Test
  void alwaysThrottledSmsIsHandedBackForALaterRetryAndNothingIsRecorded() {
    assertThatThrownBy(() -> rig.channel.deliver(task("att_906", "+819012340906", "ja")))
        .isInstanceOf(RetryableDeliveryException.class)
        .hasMessageContaining("ESME_RTHROTTLED");
    assertThat(rig.updates.of("att_906")).isEmpty();
    assertThat(rig.store.state("att_906")).isEmpty();
  }

  @Test
  void smsWithoutReceiptFailsWhenTheReceiptTimeoutPasses() throws Exception {
    rig.channel.deliver(task("att_904", "+819012340904", "ja"));
    assertThat(rig.updates.statusesOf("att_904")).containsExactly("submitted");

    rig.clock.advance(Duration.ofMinutes(1));
    rig.timeouts.sweep();
    assertThat(rig.updates.statusesOf("att_904")).containsExactly("submitted");

    rig.clock.advance(Duration.ofMinutes(2));
    rig.timeouts.sweep();
    assertThat(rig.updates.statusesOf("att_904")).containsExactly("submitted", "failed");
    assertThat(rig.updates.last("att_904").reason()).isEqualTo("no_receipt");
  }

  @Test
  void aRepeatedDeliveryOfTheSameAttemptSendsNothingMore() throws Exception {
    rig.channel.deliver(task("att_twice", "+819012340111", "ja"));
    rig.channel.deliver(task("att_twice", "+819012340111", "ja"));

    await("delivered", () -> rig.updates.statusesOf("att_twice").contains("delivered"));
    assertThat(rig.simulator.inbox("+819012340111")).hasSize(1);
    assertThat(rig.updates.statusesOf("att_twice")).containsExactly("submitted", "delivered");
  }

  @Test
  void anSmsWhoseOutcomeCouldNotBeRecordedIsRetriedWithoutASecondSendAndItsReceiptStillArrives() throws Exception {
    rig.updates.failOnce("att_db_down", "submitted");
    DeliveryTask task = task("att_db_down", "+819012340114", "ja");
    assertThatThrownBy(() -> rig.channel.deliver(task)).isInstanceOf(RetryableDeliveryException.class)
        .hasMessageContaining("could not be recorded");

    rig.channel.deliver(task); // the durable job's retry

    await("delivered", () -> rig.updates.statusesOf("att_db_down").contains("delivered"));
    assertThat(rig.simulator.inbox("+819012340114")).hasSize(1);
    assertThat(rig.updates.statusesOf("att_db_down")).containsExactly("submitted", "delivered");
    assertThat(rig.updates.of("att_db_down").get(0).detail()).containsEntry("submitResponse", "missing");
  }

  @Test
  void longTextsAreSentInPartsAndReassembled() throws Exception {
    String template = "{code} " + "長いメッセージ。".repeat(12);
    var longTask = new io.kodama.dispatch.DeliveryTask("att_long", "vrf", "ten", "+819012340112",
        "482915", "ja", "B", 5, "login", java.util.Map.of("sms.template.ja", template));
    rig.channel.deliver(longTask);

    await("delivered", () -> rig.updates.statusesOf("att_long").contains("delivered"));
    assertThat(rig.updates.of("att_long").get(0).detail()).containsEntry("segments", 2);
    assertThat(rig.simulator.inbox("+819012340112")).singleElement().satisfies(m -> {
      assertThat(m.segments()).isEqualTo(2);
      assertThat(m.text()).isEqualTo("482915 " + "長いメッセージ。".repeat(12));
    });
  }

  @Test
  void englishTextWithExtensionCharactersArrivesIntact() throws Exception {
    var t = new io.kodama.dispatch.DeliveryTask("att_gsm", "vrf", "ten", "+819012340113", "482915",
        "en", "Shop", 5, "login",
        java.util.Map.of("sms.template.en", "[{brand}] code {code} ~ {minutes} min € {ok}".replace("{ok}", "|"),
            "sms.webotp-domain", "example.com"));
    rig.channel.deliver(t);

    await("inbox", () -> !rig.simulator.inbox("+819012340113").isEmpty());
    InboxMessage m = rig.simulator.inbox("+819012340113").get(0);
    assertThat(m.dataCoding()).isZero();
    assertThat(m.text()).isEqualTo("[Shop] code 482915 ~ 5 min € |\n\n@example.com #482915");
  }
}
