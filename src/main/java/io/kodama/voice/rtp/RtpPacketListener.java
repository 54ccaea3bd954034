package io.kodama.voice.rtp;

/**
 * Told of every RTP packet a stream receives (audio and telephone events), on the shared receive
 * thread: must not block.
 */
@FunctionalInterface
public interface RtpPacketListener {

  /**
   * @param packet the packet
   * @param arrivalNanos {@link System#nanoTime()} when it was read from the socket
   */
  void onPacket(RtpPacket packet, long arrivalNanos);
}
