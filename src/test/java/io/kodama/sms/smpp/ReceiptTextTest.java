package io.kodama.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiptTextTest {

  @Test
  void readsAStandardReceipt() {
    Receipt r = ReceiptText.parse(
        "id:0123456789 sub:001 dlvrd:001 submit date:2405011200 done date:2405011201 stat:DELIVRD"
            + " err:000 text:Your code");
    assertThat(r.textId()).isEqualTo("0123456789");
    assertThat(r.submitted()).isEqualTo(1);
    assertThat(r.delivered()).isEqualTo(1);
    assertThat(r.submitDate()).isEqualTo("2405011200");
    assertThat(r.doneDate()).isEqualTo("2405011201");
    assertThat(r.stat()).isEqualTo("DELIVRD");
    assertThat(r.err()).isEqualTo("000");
    assertThat(r.isDelivered()).isTrue();
  }

  @Test
  void readsDatesWithSeconds() {
    Receipt r = ReceiptText.parse(
        "id:77 sub:001 dlvrd:000 submit date:240501120030 done date:240501120145 stat:UNDELIV err:001");
    assertThat(r.doneDate()).isEqualTo("240501120145");
    assertThat(r.reason()).isEqualTo("UNDELIV:001");
    assertThat(r.isFinal()).isTrue();
  }

  @Test
  void readsAReceiptWithoutSubDlvrdAndText() {
    Receipt r = ReceiptText.parse("id:ABC123 stat:REJECTD err:013");
    assertThat(r.textId()).isEqualTo("ABC123");
    assertThat(r.submitted()).isNull();
    assertThat(r.stat()).isEqualTo("REJECTD");
  }

  @Test
  void readsKeysInAnyCaseAndOrder() {
    Receipt r = ReceiptText.parse("STAT:expired ERR:027 ID:5");
    assertThat(r.stat()).isEqualTo("EXPIRED");
    assertThat(r.textId()).isEqualTo("5");
  }

  @Test
  void ignoresFieldLookalikesInsideTheText() {
    Receipt r = ReceiptText.parse("id:9 stat:DELIVRD err:000 text:stat:UNDELIV id:1");
    assertThat(r.stat()).isEqualTo("DELIVRD");
    assertThat(r.textId()).isEqualTo("9");
  }

  @Test
  void takesTheStateFromTheTlvWhenTheTextHasNone() {
    Receipt r = ReceiptText.parse("", "1a2b", 5, "+819012345678");
    assertThat(r.stat()).isEqualTo("UNDELIV");
    assertThat(r.messageId()).contains("1a2b");
  }

  @Test
  void prefersTheReceiptedMessageIdTlv() {
    Receipt r = ReceiptText.parse("id:6699 stat:DELIVRD", "1A2B", 2, null);
    assertThat(r.messageId()).contains("1A2B");
  }

  @Test
  void garbageGivesAnEmptyReceiptInsteadOfAnError() {
    Receipt r = ReceiptText.parse("hello world");
    assertThat(r.messageId()).isEmpty();
    assertThat(r.stat()).isNull();
    assertThat(r.isFinal()).isFalse();
  }

  @Test
  void acceptedAndEnrouteAreIntermediate() {
    assertThat(ReceiptText.parse("id:1 stat:ACCEPTD").isFinal()).isFalse();
    assertThat(ReceiptText.parse("id:1 stat:ENROUTE").isIntermediate()).isTrue();
  }
}
