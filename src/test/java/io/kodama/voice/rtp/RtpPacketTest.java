package io.kodama.voice.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

  @Test
  void writesTheFixedHeaderFieldsInNetworkOrder() {
    byte[] out = new byte[12];

    RtpPacket.writeHeader(out, 0, true, 8, 0xBEEF, 0xDEADBEEFL, 0x01020304L);

    assertThat(out)
        .containsExactly(
            0x80, 0x88, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04);
  }

  @Test
  void parsesWhatItWrites() {
    RtpPacket packet = new RtpPacket(false, 0, 65535, 0xFFFFFFFFL, 0xCAFEBABEL, new byte[] {1, 2, 3});

    RtpPacket parsed = RtpPacket.parse(packet.toBytes());

    assertThat(parsed.marker()).isFalse();
    assertThat(parsed.payloadType()).isZero();
    assertThat(parsed.sequenceNumber()).isEqualTo(65535);
    assertThat(parsed.timestamp()).isEqualTo(0xFFFFFFFFL);
    assertThat(parsed.ssrc()).isEqualTo(0xCAFEBABEL);
    assertThat(parsed.payload()).containsExactly(1, 2, 3);
  }

  @Test
  void skipsCsrcsAndHeaderExtensionAndRemovesPadding() {
    byte[] data = {
      (byte) 0xB2, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 2, // V=2 P=1 X=1 CC=2
      0, 0, 0, 10, 0, 0, 0, 11, // two CSRCs
      (byte) 0xBE, (byte) 0xDE, 0x00, 0x01, 9, 9, 9, 9, // extension of one word
      5, 6, 7, // payload
      0, 0, 3 // padding of 3 bytes
    };

    RtpPacket parsed = RtpPacket.parse(data);

    assertThat(parsed.sequenceNumber()).isEqualTo(1);
    assertThat(parsed.payload()).containsExactly(5, 6, 7);
  }

  @Test
  void rejectsOtherVersionsAndShortDatagrams() {
    assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(new byte[11]));
    byte[] version1 = new byte[12];
    version1[0] = 0x40;
    assertThatIllegalArgumentException().isThrownBy(() -> RtpPacket.parse(version1));
  }
}
