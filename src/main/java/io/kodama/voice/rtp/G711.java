package io.kodama.voice.rtp;

/**
 * The two G.711 companding laws with their static RTP payload types (RFC 3551): {@link #PCMU}
 * (µ-law, payload type 0) and {@link #PCMA} (A-law, payload type 8). Encoding and decoding are
 * table look-ups; one byte per 16-bit linear sample, 8,000 samples per second.
 */
public enum G711 {
  PCMU(0, "PCMU"),
  PCMA(8, "PCMA");

  private static final int ULAW_BIAS = 0x84;
  private static final int ULAW_CLIP = 32635;
  private static final byte[] ULAW_ENCODE = new byte[65536];
  private static final byte[] ALAW_ENCODE = new byte[65536];
  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];
  private static final int[] ALAW_SEGMENT_END = {
    0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF
  };

  static {
    for (int i = 0; i < 256; i++) {
      ULAW_DECODE[i] = (short) ulawToLinearSlow(i);
      ALAW_DECODE[i] = (short) alawToLinearSlow(i);
    }
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      ULAW_ENCODE[s & 0xFFFF] = (byte) linearToUlawSlow(s);
      ALAW_ENCODE[s & 0xFFFF] = (byte) linearToAlawSlow(s);
    }
  }

  private final int payloadType;
  private final String encodingName;

  G711(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
  }

  /** The static RTP payload type: 0 for PCMU, 8 for PCMA. */
  public int payloadType() {
    return payloadType;
  }

  /** The SDP encoding name ({@code a=rtpmap:0 PCMU/8000}). */
  public String encodingName() {
    return encodingName;
  }

  /** The codec for a static payload type. */
  public static G711 forPayloadType(int payloadType) {
    for (G711 codec : values()) {
      if (codec.payloadType == payloadType) {
        return codec;
      }
    }
    throw new IllegalArgumentException("not a G.711 payload type: " + payloadType);
  }

  /** Whether a payload type is PCMU or PCMA. */
  public static boolean isG711(int payloadType) {
    return payloadType == 0 || payloadType == 8;
  }

  /** Encodes one 16-bit linear sample. */
  public byte encode(short sample) {
    return this == PCMU ? ULAW_ENCODE[sample & 0xFFFF] : ALAW_ENCODE[sample & 0xFFFF];
  }

  /** Decodes one companded byte to a 16-bit linear sample. */
  public short decode(byte value) {
    return this == PCMU ? ULAW_DECODE[value & 0xFF] : ALAW_DECODE[value & 0xFF];
  }

  /** Encodes {@code length} samples of {@code pcm} from {@code from} into {@code out} at {@code at}. */
  public void encode(short[] pcm, int from, int length, byte[] out, int at) {
    byte[] table = this == PCMU ? ULAW_ENCODE : ALAW_ENCODE;
    for (int i = 0; i < length; i++) {
      out[at + i] = table[pcm[from + i] & 0xFFFF];
    }
  }

  /** Decodes {@code length} bytes of {@code in} from {@code from} into {@code pcm} at {@code at}. */
  public void decode(byte[] in, int from, int length, short[] pcm, int at) {
    short[] table = this == PCMU ? ULAW_DECODE : ALAW_DECODE;
    for (int i = 0; i < length; i++) {
      pcm[at + i] = table[in[from + i] & 0xFF];
    }
  }

  /** Encodes a whole buffer. */
  public byte[] encode(short[] pcm) {
    byte[] out = new byte[pcm.length];
    encode(pcm, 0, pcm.length, out, 0);
    return out;
  }

  /** Decodes a whole buffer. */
  public short[] decode(byte[] companded) {
    short[] out = new short[companded.length];
    decode(companded, 0, companded.length, out, 0);
    return out;
  }

  /** The byte that encodes digital silence (linear 0): 0xFF in µ-law, 0xD5 in A-law. */
  public byte silence() {
    return encode((short) 0);
  }

  // Reference algorithms (CCITT G.711, as in the public-domain Sun g711.c); used to fill tables.

  static int linearToUlawSlow(int pcm) {
    int sign = (pcm >> 8) & 0x80;
    if (sign != 0) {
      pcm = -pcm;
    }
    if (pcm > ULAW_CLIP) {
      pcm = ULAW_CLIP;
    }
    pcm += ULAW_BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (pcm >> (exponent + 3)) & 0x0F;
    return ~(sign | (exponent << 4) | mantissa) & 0xFF;
  }

  static int ulawToLinearSlow(int ulaw) {
    int u = ~ulaw & 0xFF;
    int t = ((u & 0x0F) << 3) + ULAW_BIAS;
    t <<= (u & 0x70) >> 4;
    return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
  }

  static int linearToAlawSlow(int pcm) {
    pcm >>= 3;
    int mask;
    if (pcm >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      pcm = -pcm - 1;
    }
    int segment = 0;
    while (segment < 8 && pcm > ALAW_SEGMENT_END[segment]) {
      segment++;
    }
    if (segment >= 8) {
      return 0x7F ^ mask;
    }
    int value = segment << 4;
    value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
    return value ^ mask;
  }

  static int alawToLinearSlow(int alaw) {
    int a = alaw ^ 0x55;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    switch (segment) {
      case 0 -> t += 8;
      case 1 -> t += 0x108;
      default -> {
        t += 0x108;
        t <<= segment - 1;
      }
    }
    return (a & 0x80) != 0 ? t : -t;
  }
}
