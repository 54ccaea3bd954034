package io.kodama.simulator.phone.media;

import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.RtpPacket;
import io.kodama.voice.rtp.RtpPacketListener;
import java.util.Arrays;

/**
 * What the phone heard: the G.711 audio packets of a call decoded into one 8 kHz PCM timeline.
 * Packets are placed by their RTP timestamp, so lost packets leave silence and reordered ones
 * land where they belong; a new SSRC or a jump of more than {@value #MAX_JUMP_SECONDS} s starts a
 * new section after what was heard. Packets of other payload types (telephone events) are
 * ignored. Thread-safe.
 */
final class CallRecording implements RtpPacketListener {

  static final int MAX_JUMP_SECONDS = 5;
  private static final int RATE = 8000;
  private static final int MAX_SAMPLES = RATE * 60 * 30;

  private short[] pcm = new short[RATE * 30];
  private int length;
  private boolean started;
  private long ssrc;
  private long baseTimestamp;
  private int sectionStart;
  private long audioPackets;

  @Override
  public synchronized void onPacket(RtpPacket packet, long arrivalNanos) {
    if (!G711.isG711(packet.payloadType())) {
      return;
    }
    G711 codec = G711.forPayloadType(packet.payloadType());
    byte[] payload = packet.payload();
    int position;
    if (!started || packet.ssrc() != ssrc) {
      position = newSection(packet);
    } else {
      int offset = (int) (packet.timestamp() - baseTimestamp); // 32-bit wrap-around difference
      position = sectionStart + offset;
      if (position < sectionStart || position > length + MAX_JUMP_SECONDS * RATE) {
        position = newSection(packet);
      }
    }
    if (position + payload.length > MAX_SAMPLES) {
      return;
    }
    ensureCapacity(position + payload.length);
    codec.decode(payload, 0, payload.length, pcm, position);
    length = Math.max(length, position + payload.length);
    audioPackets++;
  }

  private int newSection(RtpPacket packet) {
    started = true;
    ssrc = packet.ssrc();
    baseTimestamp = packet.timestamp();
    sectionStart = length;
    return length;
  }

  private void ensureCapacity(int needed) {
    if (needed > pcm.length) {
      pcm = Arrays.copyOf(pcm, Math.max(needed, pcm.length * 2));
    }
  }

  /** The audio heard so far, 16-bit PCM, 8 kHz mono. */
  synchronized short[] pcm() {
    return Arrays.copyOf(pcm, length);
  }

  /** Samples heard so far. */
  synchronized int samples() {
    return length;
  }

  /** Audio packets received so far. */
  synchronized long audioPackets() {
    return audioPackets;
  }
}
