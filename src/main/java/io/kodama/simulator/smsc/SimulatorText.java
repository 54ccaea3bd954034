package io.kodama.simulator.smsc;

import java.nio.charset.StandardCharsets;

/** Decodes short_message bytes as a handset would (the simulator's own tables). */
final class SimulatorText {

  private static final String GSM =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  private SimulatorText() {}

  static String decode(byte[] bytes, int dataCoding) {
    return switch (dataCoding & 0x0F) {
      case 0x08 -> new String(bytes, StandardCharsets.UTF_16BE);
      case 0x03 -> new String(bytes, StandardCharsets.ISO_8859_1);
      case 0x01 -> new String(bytes, StandardCharsets.US_ASCII);
      default -> gsm(bytes);
    };
  }

  /** Unpacked GSM 03.38 septets, one per octet, with the extension table after 0x1B. */
  static String gsm(byte[] septets) {
    StringBuilder out = new StringBuilder(septets.length);
    for (int i = 0; i < septets.length; i++) {
      int s = septets[i] & 0x7F;
      if (s == 0x1B && i + 1 < septets.length) {
        out.append(extension(septets[++i] & 0x7F));
      } else {
        out.append(GSM.charAt(s));
      }
    }
    return out.toString();
  }

  private static char extension(int code) {
    return switch (code) {
      case 0x0A -> '\f';
      case 0x14 -> '^';
      case 0x28 -> '{';
      case 0x29 -> '}';
      case 0x2F -> '\\';
      case 0x3C -> '[';
      case 0x3D -> '~';
      case 0x3E -> ']';
      case 0x40 -> '|';
      case 0x65 -> '€';
      default -> ' ';
    };
  }
}
