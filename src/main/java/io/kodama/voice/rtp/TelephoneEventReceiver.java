package io.kodama.voice.rtp;

import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 telephone-event packets into one call per key press.
 *
 * <p>A key press is a run of packets with the same RTP timestamp (the start of the event): the
 * first packet of the run that arrives reports the key, later updates and the (usually three)
 * end packets are duplicates. Remembering a few recent timestamps also absorbs reordered or late
 * end packets of a previous press. Not thread-safe: one receiver per stream, used by one thread.
 */
final class TelephoneEventReceiver {

  private static final int REMEMBERED = 16;

  private final Consumer<TelephoneEvent> onKey;
  private final long[] recentTimestamps = new long[REMEMBERED];
  private final long[] recentSsrcs = new long[REMEMBERED];
  private int recentCount;
  private int next;

  TelephoneEventReceiver(Consumer<TelephoneEvent> onKey) {
    this.onKey = onKey;
  }

  /**
   * Accepts one packet of the telephone-event payload type.
   *
   * @return whether it started a new key press
   */
  boolean accept(RtpPacket packet) {
    if (packet.payload().length < TelephoneEvent.LENGTH) {
      return false;
    }
    TelephoneEvent event = TelephoneEvent.parse(packet.payload());
    if (!event.isDtmf() || seen(packet.ssrc(), packet.timestamp())) {
      return false;
    }
    remember(packet.ssrc(), packet.timestamp());
    onKey.accept(event);
    return true;
  }

  private boolean seen(long ssrc, long timestamp) {
    for (int i = 0; i < recentCount; i++) {
      if (recentTimestamps[i] == timestamp && recentSsrcs[i] == ssrc) {
        return true;
      }
    }
    return false;
  }

  private void remember(long ssrc, long timestamp) {
    recentTimestamps[next] = timestamp;
    recentSsrcs[next] = ssrc;
    next = (next + 1) % REMEMBERED;
    recentCount = Math.min(recentCount + 1, REMEMBERED);
  }
}
