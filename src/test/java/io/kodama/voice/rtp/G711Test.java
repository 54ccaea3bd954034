package io.kodama.voice.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void encodesKnownMuLawValues() {
    assertThat(G711.PCMU.encode((short) 0)).isEqualTo((byte) 0xFF);
    assertThat(G711.PCMU.encode((short) -1)).isEqualTo((byte) 0x7F);
    assertThat(G711.PCMU.encode((short) 1000)).isEqualTo((byte) 0xCE);
    assertThat(G711.PCMU.encode((short) 32767)).isEqualTo((byte) 0x80);
    assertThat(G711.PCMU.encode((short) -32768)).isEqualTo((byte) 0x00);
  }

  @Test
  void decodesKnownMuLawValues() {
    assertThat(G711.PCMU.decode((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(G711.PCMU.decode((byte) 0x7F)).isEqualTo((short) 0);
    assertThat(G711.PCMU.decode((byte) 0xF0)).isEqualTo((short) 120);
    assertThat(G711.PCMU.decode((byte) 0x70)).isEqualTo((short) -120);
    assertThat(G711.PCMU.decode((byte) 0xCE)).isEqualTo((short) 988);
    assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
  }

  @Test
  void encodesKnownALawValues() {
    assertThat(G711.PCMA.encode((short) 0)).isEqualTo((byte) 0xD5);
    assertThat(G711.PCMA.encode((short) -1)).isEqualTo((byte) 0x55);
    assertThat(G711.PCMA.encode((short) 1000)).isEqualTo((byte) 0xFA);
    assertThat(G711.PCMA.encode((short) 32767)).isEqualTo((byte) 0xAA);
    assertThat(G711.PCMA.encode((short) -32768)).isEqualTo((byte) 0x2A);
  }

  @Test
  void decodesKnownALawValues() {
    assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.PCMA.decode((byte) 0xFA)).isEqualTo((short) 1008);
    assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo((short) -32256);
  }

  @Test
  void everyCodeWordSurvivesDecodeThenEncode() {
    for (int b = 0; b < 256; b++) {
      byte code = (byte) b;
      assertThat(G711.PCMA.encode(G711.PCMA.decode(code))).as("A-law %02x", b).isEqualTo(code);
      if (b != 0x7F) { // µ-law has two zeros; 0x7F (-0) encodes back as 0xFF (+0)
        assertThat(G711.PCMU.encode(G711.PCMU.decode(code))).as("µ-law %02x", b).isEqualTo(code);
      }
    }
  }

  @Test
  void roundTripKeepsEverySampleWithinTheQuantizationStep() {
    for (G711 codec : G711.values()) {
      for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
        int decoded = codec.decode(codec.encode((short) s));
        int allowed = Math.max(16, Math.abs(s) / 16) + (Math.abs(s) > 32000 ? 800 : 0);
        assertThat(Math.abs(decoded - s)).as("%s %d -> %d", codec, s, decoded).isLessThanOrEqualTo(allowed);
      }
    }
  }

  @Test
  void tablesAgreeWithTheReferenceAlgorithm() {
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
      assertThat(G711.PCMU.encode((short) s) & 0xFF).isEqualTo(G711.linearToUlawSlow(s));
      assertThat(G711.PCMA.encode((short) s) & 0xFF).isEqualTo(G711.linearToAlawSlow(s));
    }
  }

  @Test
  void bufferEncodingMatchesSampleEncoding() {
    short[] pcm = {0, 1, -1, 1000, -1000, 32767, -32768, 12345};
    for (G711 codec : G711.values()) {
      byte[] encoded = codec.encode(pcm);
      short[] decoded = codec.decode(encoded);
      for (int i = 0; i < pcm.length; i++) {
        assertThat(encoded[i]).isEqualTo(codec.encode(pcm[i]));
        assertThat(decoded[i]).isEqualTo(codec.decode(encoded[i]));
      }
    }
  }

  @Test
  void knowsItsStaticPayloadTypes() {
    assertThat(G711.forPayloadType(0)).isEqualTo(G711.PCMU);
    assertThat(G711.forPayloadType(8)).isEqualTo(G711.PCMA);
    assertThat(G711.PCMU.encodingName()).isEqualTo("PCMU");
    assertThat(G711.isG711(101)).isFalse();
    assertThat(G711.PCMU.silence()).isEqualTo((byte) 0xFF);
    assertThat(G711.PCMA.silence()).isEqualTo((byte) 0xD5);
  }
}
