package io.kodama.voice.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventReceiverTest {

  private static final long SSRC = 0x1234L;
  private final List<Character> keys = new ArrayList<>();
  private final TelephoneEventReceiver receiver = new TelephoneEventReceiver(e -> keys.add(e.key()));
  private int sequence;

  @Test
  void parsesTheEventPayload() {
    TelephoneEvent event = TelephoneEvent.parse(new byte[] {11, (byte) 0x8A, 0x03, 0x20});

    assertThat(event.key()).isEqualTo('#');
    assertThat(event.end()).isTrue();
    assertThat(event.volume()).isEqualTo(10);
    assertThat(event.duration()).isEqualTo(800);
  }

  @Test
  void writesWhatItParses() {
    byte[] out = new byte[4];
    new TelephoneEvent(TelephoneEvent.eventOf('*'), true, 63, 0xFFFF).write(out, 0);

    assertThat(TelephoneEvent.parse(out))
        .isEqualTo(new TelephoneEvent(10, true, 63, 0xFFFF));
  }

  @Test
  void reportsOneKeyForAPressWithUpdatesAndThreeEndPackets() {
    long start = 1000;
    receive(start, '5', false, 160, true);
    receive(start, '5', false, 320, false);
    receive(start, '5', false, 480, false);
    receive(start, '5', true, 640, false);
    receive(start, '5', true, 640, false);
    receive(start, '5', true, 640, false);

    assertThat(keys).containsExactly('5');
  }

  @Test
  void reportsAPressWhoseFirstPacketsWereLost() {
    receive(1000, '7', true, 800, false);
    receive(1000, '7', true, 800, false);

    assertThat(keys).containsExactly('7');
  }

  @Test
  void reportsTheSameKeyPressedTwice() {
    receive(1000, '1', false, 160, true);
    receive(1000, '1', true, 800, false);
    receive(2600, '1', false, 160, true);
    receive(2600, '1', true, 800, false);

    assertThat(keys).containsExactly('1', '1');
  }

  @Test
  void ignoresALateEndPacketOfAnEarlierPress() {
    receive(1000, '4', false, 160, true);
    receive(2600, '2', false, 160, true);
    receive(1000, '4', true, 800, false);

    assertThat(keys).containsExactly('4', '2');
  }

  @Test
  void ignoresEventsThatAreNotKeys() {
    RtpPacket flash =
        new RtpPacket(true, 101, sequence++, 5000, SSRC, new byte[] {16, 0, 0, (byte) 160});

    assertThat(receiver.accept(flash)).isFalse();
    assertThat(keys).isEmpty();
  }

  private void receive(long timestamp, char key, boolean end, int duration, boolean marker) {
    byte[] payload = new byte[4];
    new TelephoneEvent(TelephoneEvent.eventOf(key), end, 10, duration).write(payload, 0);
    receiver.accept(new RtpPacket(marker, 101, sequence++, timestamp, SSRC, payload));
  }
}
