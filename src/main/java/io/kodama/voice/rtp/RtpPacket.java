package io.kodama.voice.rtp;

/**
 * One RTP packet (RFC 3550), as parsed from the wire. Header extensions and CSRC lists are
 * skipped; padding is removed from the payload.
 *
 * @param marker the marker bit (first packet of a talk spurt, or of a telephone event)
 * @param payloadType 0..127
 * @param sequenceNumber 0..65535
 * @param timestamp 0..2^32-1
 * @param ssrc 0..2^32-1
 * @param payload the payload bytes (a copy)
 */
public record RtpPacket(
    boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {

  /** Length of the fixed header written by this implementation (no CSRC, no extension). */
  public static final int HEADER_LENGTH = 12;

  /** RTP version 2. */
  public static final int VERSION = 2;

  /**
   * Parses a datagram.
   *
   * @throws IllegalArgumentException when it is not a well-formed RTP version 2 packet
   */
  public static RtpPacket parse(byte[] data, int offset, int length) {
    if (length < HEADER_LENGTH) {
      throw new IllegalArgumentException("RTP packet too short: " + length + " bytes");
    }
    int b0 = data[offset] & 0xFF;
    int version = b0 >> 6;
    if (version != VERSION) {
      throw new IllegalArgumentException("not RTP version 2: " + version);
    }
    boolean padding = (b0 & 0x20) != 0;
    boolean extension = (b0 & 0x10) != 0;
    int csrcCount = b0 & 0x0F;
    int b1 = data[offset + 1] & 0xFF;
    boolean marker = (b1 & 0x80) != 0;
    int payloadType = b1 & 0x7F;
    int sequence = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
    long timestamp = readUnsignedInt(data, offset + 4);
    long ssrc = readUnsignedInt(data, offset + 8);
    int at = offset + HEADER_LENGTH + 4 * csrcCount;
    int end = offset + length;
    if (extension) {
      if (at + 4 > end) {
        throw new IllegalArgumentException("RTP header extension truncated");
      }
      int words = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
      at += 4 + 4 * words;
    }
    if (padding && end > at) {
      end -= data[end - 1] & 0xFF;
    }
    if (at > end) {
      throw new IllegalArgumentException("RTP header longer than packet");
    }
    byte[] payload = new byte[end - at];
    System.arraycopy(data, at, payload, 0, payload.length);
    return new RtpPacket(marker, payloadType, sequence, timestamp, ssrc, payload);
  }

  /** Parses a whole datagram. */
  public static RtpPacket parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /**
   * Writes a 12-byte RTP version 2 header (no padding, no extension, no CSRC) at {@code offset}.
   */
  public static void writeHeader(
      byte[] out,
      int offset,
      boolean marker,
      int payloadType,
      int sequenceNumber,
      long timestamp,
      long ssrc) {
    out[offset] = (byte) (VERSION << 6);
    out[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
    out[offset + 2] = (byte) (sequenceNumber >> 8);
    out[offset + 3] = (byte) sequenceNumber;
    writeInt(out, offset + 4, timestamp);
    writeInt(out, offset + 8, ssrc);
  }

  /** This packet on the wire. */
  public byte[] toBytes() {
    byte[] out = new byte[HEADER_LENGTH + payload.length];
    writeHeader(out, 0, marker, payloadType, sequenceNumber, timestamp, ssrc);
    System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
    return out;
  }

  private static long readUnsignedInt(byte[] data, int at) {
    return ((long) (data[at] & 0xFF) << 24)
        | ((data[at + 1] & 0xFF) << 16)
        | ((data[at + 2] & 0xFF) << 8)
        | (data[at + 3] & 0xFF);
  }

  private static void writeInt(byte[] out, int at, long value) {
    out[at] = (byte) (value >> 24);
    out[at + 1] = (byte) (value >> 16);
    out[at + 2] = (byte) (value >> 8);
    out[at + 3] = (byte) value;
  }

  @Override
  public String toString() {
    return "RtpPacket[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp
        + ", ssrc=" + Long.toHexString(ssrc) + ", marker=" + marker + ", payload="
        + payload.length + " bytes]";
  }
}
