package io.kodama.simulator.phone.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CallRecordingTest {

  private final CallRecording recording = new CallRecording();

  @Test
  void placesPacketsByTimestampLeavingSilenceForLostOnes() {
    receive(G711.PCMU, 0, 1000L, 1000);
    receive(G711.PCMU, 2, 1320L, 3000); // the packet at 1160 was lost

    short[] pcm = recording.pcm();

    assertThat(pcm).hasSize(480);
    assertThat(slice(pcm, 0)).containsOnly(G711.PCMU.decode(G711.PCMU.encode((short) 1000)));
    assertThat(slice(pcm, 160)).containsOnly((short) 0);
    assertThat(slice(pcm, 320)).containsOnly(G711.PCMU.decode(G711.PCMU.encode((short) 3000)));
  }

  @Test
  void putsReorderedPacketsWhereTheyBelong() {
    receive(G711.PCMA, 0, 0xFFFFFF60L, 100); // wraps around 2^32
    receive(G711.PCMA, 2, 0x000000A0L, 300);
    receive(G711.PCMA, 1, 0x00000000L, 200);

    short[] pcm = recording.pcm();

    assertThat(pcm).hasSize(480);
    assertThat(slice(pcm, 160)).containsOnly(G711.PCMA.decode(G711.PCMA.encode((short) 200)));
  }

  @Test
  void ignoresTelephoneEventsAndStartsANewSectionForANewSsrc() {
    receive(G711.PCMU, 0, 5000L, 100);
    recording.onPacket(new RtpPacket(true, 101, 1, 5160L, 1L, new byte[] {1, 0, 0, (byte) 160}), 0);
    recording.onPacket(
        new RtpPacket(true, 0, 77, 999_999L, 2L, G711.PCMU.encode(filled((short) 500))), 0);

    assertThat(recording.pcm()).hasSize(320);
    assertThat(recording.audioPackets()).isEqualTo(2);
  }

  private void receive(G711 codec, int sequence, long timestamp, int level) {
    byte[] payload = codec.encode(filled((short) level));
    recording.onPacket(new RtpPacket(false, codec.payloadType(), sequence, timestamp, 1L, payload), 0);
  }

  private static short[] filled(short level) {
    short[] pcm = new short[160];
    Arrays.fill(pcm, level);
    return pcm;
  }

  private static short[] slice(short[] pcm, int from) {
    return Arrays.copyOfRange(pcm, from, from + 160);
  }
}
