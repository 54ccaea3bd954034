package io.kodama.sms.smpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a text into SMPP short messages: GSM 03.38 7-bit (one septet per octet, as SMPP carries
 * it) when every character fits the default alphabet or its extension table, otherwise UCS-2.
 * Texts longer than one SMS are split into concatenated parts with our own 8-bit-reference UDH
 * ({@code 05 00 03 ref total seq}): 153 septets or 67 UCS-2 units per part.
 */
public final class SmsEncoding {

  /** data_coding for the SMSC default alphabet (GSM 03.38). */
  public static final byte DCS_GSM7 = 0x00;
  /** data_coding for UCS-2 (UTF-16BE). */
  public static final byte DCS_UCS2 = 0x08;
  /** esm_class with the UDH indicator set. */
  public static final byte ESM_UDHI = 0x40;

  static final int GSM_SINGLE = 160;
  static final int GSM_PART = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_PART = 67;
  static final int MAX_PARTS = 255;

  /**
   * The GSM 03.38 default alphabet by septet value; index 0x1B is the escape to the extension
   * table and is never produced for a character.
   */
  static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** Characters of the extension table and their septet after the 0x1B escape. */
  static final String GSM_EXTENSION_CHARS = "\f^{}\\[~]|€";

  static final byte[] GSM_EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

  private static final byte ESCAPE = 0x1B;

  private SmsEncoding() {}

  /** An encoded message: one or more parts to send as separate submit_sm. */
  public record Encoded(byte dataCoding, boolean udhi, List<byte[]> parts) {

    public Encoded {
      parts = List.copyOf(parts);
    }

    public int segments() {
      return parts.size();
    }

    public byte esmClass() {
      return udhi ? ESM_UDHI : 0x00;
    }
  }

  /** Whether every character of the text fits GSM 03.38 (with the extension table). */
  public static boolean fitsGsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ESCAPE || (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION_CHARS.indexOf(c) < 0)) {
        return false;
      }
    }
    return true;
  }

  /** How many SMS parts the text takes. */
  public static int segmentsOf(String text) {
    if (fitsGsm7(text)) {
      return chunks(toSeptets(text), GSM_SINGLE, GSM_PART, true).size();
    }
    return chunks(text.getBytes(StandardCharsets.UTF_16BE), UCS2_SINGLE * 2, UCS2_PART * 2, false)
        .size();
  }

  /**
   * Encodes a text.
   *
   * @param reference the concatenation reference (only the low 8 bits are used)
   * @throws IllegalArgumentException when the text is empty or needs more than 255 parts
   */
  public static Encoded encode(String text, int reference) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("SMS text is empty");
    }
    boolean gsm = fitsGsm7(text);
    byte[] payload = gsm ? toSeptets(text) : text.getBytes(StandardCharsets.UTF_16BE);
    List<byte[]> chunks =
        gsm
            ? chunks(payload, GSM_SINGLE, GSM_PART, true)
            : chunks(payload, UCS2_SINGLE * 2, UCS2_PART * 2, false);
    byte dcs = gsm ? DCS_GSM7 : DCS_UCS2;
    if (chunks.size() == 1) {
      return new Encoded(dcs, false, chunks);
    }
    if (chunks.size() > MAX_PARTS) {
      throw new IllegalArgumentException(
          "SMS text needs " + chunks.size() + " parts, more than " + MAX_PARTS);
    }
    List<byte[]> parts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      byte[] chunk = chunks.get(i);
      byte[] part = new byte[6 + chunk.length];
      part[0] = 0x05; // UDH length
      part[1] = 0x00; // IEI: concatenated short message, 8-bit reference
      part[2] = 0x03; // IE length
      part[3] = (byte) reference;
      part[4] = (byte) chunks.size();
      part[5] = (byte) (i + 1);
      System.arraycopy(chunk, 0, part, 6, chunk.length);
      parts.add(part);
    }
    return new Encoded(dcs, true, parts);
  }

  /** Unpacked GSM septets, one per octet; extension characters take two (escape, code). */
  static byte[] toSeptets(String text) {
    byte[] out = new byte[text.length() * 2];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int basic = c == ESCAPE ? -1 : GSM_BASIC.indexOf(c);
      if (basic >= 0) {
        out[n++] = (byte) basic;
        continue;
      }
      int ext = GSM_EXTENSION_CHARS.indexOf(c);
      if (ext < 0) {
        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not GSM 03.38");
      }
      out[n++] = ESCAPE;
      out[n++] = GSM_EXTENSION_CODES[ext];
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Splits a payload into parts of at most {@code partSize} bytes when it is longer than {@code
   * single}, never cutting a GSM escape pair or a UTF-16 surrogate pair.
   */
  private static List<byte[]> chunks(byte[] payload, int single, int partSize, boolean gsm) {
    if (payload.length <= single) {
      return List.of(payload);
    }
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    while (start < payload.length) {
      int end = Math.min(payload.length, start + partSize);
      if (end < payload.length) {
        if (gsm && payload[end - 1] == ESCAPE) { // never a code: no extension code is 0x1B
          end--;
        } else if (!gsm && isHighSurrogate(payload[end - 2], payload[end - 1])) {
          end -= 2;
        }
      }
      out.add(Arrays.copyOfRange(payload, start, end));
      start = end;
    }
    return out;
  }

  private static boolean isHighSurrogate(byte hi, byte lo) {
    return Character.isHighSurrogate((char) (((hi & 0xFF) << 8) | (lo & 0xFF)));
  }
}
