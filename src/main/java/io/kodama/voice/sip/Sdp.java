package io.kodama.voice.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** The few lines of SDP (RFC 4566) a G.711 voice call needs: offers, answers and their parsing. */
final class Sdp {

  static final int PCMU = 0;
  static final int PCMA = 8;
  static final int TELEPHONE_EVENT = 101;

  private Sdp() {}

  /** Offer PCMU, PCMA and telephone-event/8000 (101). */
  static byte[] offer(String host, int port, long sessionId, long version) {
    return body(host, port, sessionId, version, new int[] {PCMU, PCMA}, TELEPHONE_EVENT);
  }

  /** Answer with the chosen codec and the offerer's telephone-event type, if any. */
  static byte[] answer(String host, int port, long sessionId, long version, MediaDescription chosen) {
    return body(
        host,
        port,
        sessionId,
        version,
        new int[] {chosen.payloadType()},
        chosen.telephoneEventType());
  }

  static long newSessionId() {
    return ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
  }

  private static byte[] body(
      String host, int port, long sessionId, long version, int[] codecs, int telephoneEvent) {
    StringBuilder s = new StringBuilder(256);
    s.append("v=0\r\n");
    s.append("o=kodama ").append(sessionId).append(' ').append(version).append(" IN IP4 ")
        .append(host).append("\r\n");
    s.append("s=Kodama\r\n");
    s.append("c=IN IP4 ").append(host).append("\r\n");
    s.append("t=0 0\r\n");
    s.append("m=audio ").append(port).append(" RTP/AVP");
    for (int codec : codecs) {
      s.append(' ').append(codec);
    }
    if (telephoneEvent >= 0) {
      s.append(' ').append(telephoneEvent);
    }
    s.append("\r\n");
    for (int codec : codecs) {
      s.append("a=rtpmap:").append(codec).append(codec == PCMU ? " PCMU/8000" : " PCMA/8000")
          .append("\r\n");
    }
    if (telephoneEvent >= 0) {
      s.append("a=rtpmap:").append(telephoneEvent).append(" telephone-event/8000\r\n");
      s.append("a=fmtp:").append(telephoneEvent).append(" 0-16\r\n");
    }
    s.append("a=ptime:20\r\n");
    s.append("a=sendrecv\r\n");
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The first audio stream of an SDP body with the first G.711 codec it lists, or empty when
   * there is no usable audio (no G.711, port 0, no address).
   */
  static Optional<MediaDescription> firstG711(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return Optional.empty();
    }
    String text = new String(raw, StandardCharsets.US_ASCII);
    String sessionHost = null;
    String mediaHost = null;
    int port = -1;
    List<Integer> formats = new ArrayList<>();
    Map<Integer, String> rtpmap = new HashMap<>();
    boolean inAudio = false;
    boolean seenAudio = false;
    for (String line : text.split("\r?\n")) {
      if (line.length() < 2 || line.charAt(1) != '=') {
        continue;
      }
      char type = line.charAt(0);
      String value = line.substring(2).trim();
      if (type == 'm') {
        if (seenAudio) {
          break;
        }
        String[] parts = value.split("\\s+");
        inAudio = parts.length >= 4 && parts[0].equals("audio");
        if (inAudio) {
          seenAudio = true;
          port = parseInt(parts[1]);
          for (int i = 3; i < parts.length; i++) {
            formats.add(parseInt(parts[i]));
          }
        }
      } else if (type == 'c') {
        String[] parts = value.split("\\s+");
        if (parts.length >= 3) {
          String host = parts[2].contains("/") ? parts[2].substring(0, parts[2].indexOf('/')) : parts[2];
          if (inAudio) {
            mediaHost = host;
          } else if (!seenAudio) {
            sessionHost = host;
          }
        }
      } else if (type == 'a' && inAudio && value.startsWith("rtpmap:")) {
        String[] parts = value.substring(7).split("\\s+", 2);
        if (parts.length == 2) {
          rtpmap.put(parseInt(parts[0]), parts[1].trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    String host = mediaHost != null ? mediaHost : sessionHost;
    if (!seenAudio || port <= 0 || host == null) {
      return Optional.empty();
    }
    int telephoneEvent = -1;
    for (Map.Entry<Integer, String> e : rtpmap.entrySet()) {
      if (e.getValue().startsWith("telephone-event/8000")) {
        telephoneEvent = e.getKey();
      }
    }
    for (int format : formats) {
      String map = rtpmap.get(format);
      if (format == PCMU && (map == null || map.startsWith("pcmu/8000"))) {
        return Optional.of(new MediaDescription(host, port, PCMU, "PCMU", telephoneEvent));
      }
      if (format == PCMA && (map == null || map.startsWith("pcma/8000"))) {
        return Optional.of(new MediaDescription(host, port, PCMA, "PCMA", telephoneEvent));
      }
    }
    return Optional.empty();
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
