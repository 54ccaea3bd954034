package io.kodama.voice.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call: sends 20 ms G.711 packets to the remote party, paced by the shared
 * {@link RtpPacer}, and receives its packets (telephone events, audio). Opened with {@link
 * RtpPacer#open}; thread-safe.
 *
 * <p>While nothing is queued the stream keeps sending packets of silence (a keepalive that keeps
 * NAT bindings and media timeouts of the far end happy). The first packet of the stream and the
 * first packet of audio after an idle period carry the marker bit. Sequence numbers, timestamps
 * and the SSRC start at random values (RFC 3550) and advance by one and by 160 per packet.
 *
 * <p>Callbacks ({@code onFinished}, {@link DtmfListener}) run on one shared callback thread,
 * never on the pacing thread; they should still return quickly. {@link RtpPacketListener}s run
 * on the shared receive thread and must not block.
 */
public final class RtpStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtpStream.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SAMPLES = RtpPacer.SAMPLES_PER_PACKET;
  private static final int DTMF_GAP_PACKETS = 3;
  private static final int DTMF_END_REPEATS = 3;
  private static final int DTMF_VOLUME = 10;

  private final RtpPacer pacer;
  private final DatagramChannel channel;
  private final InetSocketAddress localAddress;
  private final int dtmfPayloadType;
  private final long ssrc;
  private final TelephoneEventReceiver eventReceiver;
  private final Object lock = new Object();
  private final AtomicLong samplesPlayed = new AtomicLong();
  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong packetsReceived = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();

  // guarded by lock
  private final ArrayDeque<Playback> queue = new ArrayDeque<>();
  private final ArrayDeque<DtmfPress> keys = new ArrayDeque<>();
  private Playback current;

  // pacing-thread state
  private final byte[] packet = new byte[RtpPacket.HEADER_LENGTH + SAMPLES];
  private final ByteBuffer packetBuffer = ByteBuffer.wrap(packet);
  private final short[] frame = new short[SAMPLES];
  private int sequence;
  private long timestamp;
  private boolean talking;
  private boolean firstPacket = true;
  private DtmfSending dtmf;
  private int dtmfGap;
  long firstDueNanos;

  private volatile InetSocketAddress remote;
  private volatile G711 codec;
  private volatile DtmfListener dtmfListener;
  private volatile RtpPacketListener packetListener;
  private volatile boolean closed;

  RtpStream(
      RtpPacer pacer,
      DatagramChannel channel,
      InetSocketAddress remote,
      G711 codec,
      int dtmfPayloadType)
      throws IOException {
    this.pacer = pacer;
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    this.remote = remote;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.dtmfPayloadType = dtmfPayloadType;
    this.ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    this.sequence = RANDOM.nextInt(0x10000);
    this.timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    this.eventReceiver = new TelephoneEventReceiver(this::keyReceived);
  }

  // ------------------------------------------------------------------ public API

  /**
   * Queues audio after whatever is already queued.
   *
   * @param pcm 16-bit linear PCM, 8 kHz mono (not copied: do not change it afterwards)
   * @param onFinished run once every sample was sent (not when stopped); may be null
   * @return the playback, to follow its progress
   */
  public Playback play(short[] pcm, Runnable onFinished) {
    Objects.requireNonNull(pcm, "pcm");
    Playback playback = new Playback(pcm, onFinished);
    synchronized (lock) {
      if (closed) {
        playback.stop();
      } else {
        queue.add(playback);
      }
    }
    return playback;
  }

  /** Queues audio without a completion callback. */
  public Playback play(short[] pcm) {
    return play(pcm, null);
  }

  /**
   * Stops what is playing and drops what is queued; their {@code onFinished} callbacks are not
   * run. The stream goes on sending silence.
   */
  public void stop() {
    synchronized (lock) {
      if (current != null) {
        current.stop();
        current = null;
      }
      for (Playback queued : queue) {
        queued.stop();
      }
      queue.clear();
    }
  }

  /** Whether audio is playing or queued. */
  public boolean isPlaying() {
    synchronized (lock) {
      return current != null || !queue.isEmpty();
    }
  }

  /** Sets who is told of key presses (RFC 4733 telephone events) from the remote party. */
  public void onDtmf(DtmfListener listener) {
    this.dtmfListener = listener;
  }

  /** Sets who is told of every received packet, on the receive thread (recording, tests). */
  public void onPacket(RtpPacketListener listener) {
    this.packetListener = listener;
  }

  /**
   * Sends a key press as RFC 4733 telephone events on the DTMF payload type: a first packet with
   * the marker bit, updates every 20 ms, then the end packet three times. Audio pauses meanwhile.
   * Presses queue up, with a short gap between them.
   */
  public void sendDtmf(char key, Duration duration) {
    int event = TelephoneEvent.eventOf(key);
    if (dtmfPayloadType < 0) {
      throw new IllegalStateException("no telephone-event payload type was negotiated");
    }
    int packets = (int) Math.max(2, Math.min(duration.toMillis() / 20, 3000));
    synchronized (lock) {
      keys.add(new DtmfPress(event, packets));
    }
  }

  /** Sends a 100 ms key press. */
  public void sendDtmf(char key) {
    sendDtmf(key, Duration.ofMillis(100));
  }

  /** Changes where packets go (re-INVITE, or learned from the first packet received). */
  public void remote(InetSocketAddress remote) {
    this.remote = remote;
  }

  public InetSocketAddress remote() {
    return remote;
  }

  /** Changes the codec (re-INVITE); takes effect with the next packet. */
  public void codec(G711 codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  public G711 codec() {
    return codec;
  }

  /** The local RTP address, to put in SDP. */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The local port, to put in SDP. */
  public int localPort() {
    return localAddress.getPort();
  }

  public long ssrc() {
    return ssrc;
  }

  /** Audio samples sent so far, over all playbacks (silence keepalive not counted). */
  public long samplesPlayed() {
    return samplesPlayed.get();
  }

  public long packetsSent() {
    return packetsSent.get();
  }

  public long packetsReceived() {
    return packetsReceived.get();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Stops sending, stops what plays, closes the socket. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stop();
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing RTP socket {} failed", localAddress, e);
    }
    pacer.streamClosed(this);
  }

  @Override
  public String toString() {
    return "RtpStream[local=" + localAddress + ", remote=" + remote + ", ssrc="
        + Long.toHexString(ssrc) + "]";
  }

  // ------------------------------------------------------------------ pacing thread

  DatagramChannel channel() {
    return channel;
  }

  /** Builds and sends the next packet. Called by the pacing thread only. */
  void sendNext() {
    Runnable[] finished = null;
    boolean marker;
    int payloadType;
    long packetTimestamp;
    int payloadLength;
    G711 codecNow = codec;
    synchronized (lock) {
      if (dtmf == null && dtmfGap == 0 && !keys.isEmpty()) {
        dtmf = new DtmfSending(keys.poll(), timestamp);
      }
      if (dtmf != null) {
        payloadType = dtmfPayloadType;
        packetTimestamp = dtmf.startTimestamp;
        marker = dtmf.sent == 0;
        dtmf.next().write(packet, RtpPacket.HEADER_LENGTH);
        payloadLength = TelephoneEvent.LENGTH;
        if (dtmf.done()) {
          dtmf = null;
          dtmfGap = DTMF_GAP_PACKETS;
        }
        talking = false;
      } else {
        if (dtmfGap > 0) {
          dtmfGap--;
        }
        payloadType = codecNow.payloadType();
        packetTimestamp = timestamp;
        int filled = 0;
        while (filled < SAMPLES) {
          if (current == null) {
            current = queue.poll();
            if (current == null) {
              break;
            }
          }
          int n = Math.min(SAMPLES - filled, current.remaining());
          System.arraycopy(current.pcm(), current.samplesPlayed(), frame, filled, n);
          current.advance(n);
          filled += n;
          if (current.remaining() == 0) {
            current.finish();
            if (current.onFinished() != null) {
              finished = append(finished, current.onFinished());
            }
            current = null;
          }
        }
        if (filled > 0) {
          Arrays.fill(frame, filled, SAMPLES, (short) 0);
          marker = !talking;
          talking = true;
          samplesPlayed.addAndGet(filled);
        } else {
          Arrays.fill(frame, (short) 0);
          marker = false;
          talking = false;
        }
        codecNow.encode(frame, 0, SAMPLES, packet, RtpPacket.HEADER_LENGTH);
        payloadLength = SAMPLES;
      }
    }
    if (firstPacket && remote != null) {
      marker = true; // the first packet that actually leaves
      firstPacket = false;
    }
    RtpPacket.writeHeader(packet, 0, marker, payloadType, sequence, packetTimestamp, ssrc);
    sequence = (sequence + 1) & 0xFFFF;
    timestamp = (timestamp + SAMPLES) & 0xFFFFFFFFL;
    transmit(RtpPacket.HEADER_LENGTH + payloadLength);
    if (finished != null) {
      for (Runnable callback : finished) {
        pacer.callback(callback);
      }
    }
  }

  /** Advances the timestamp over packets that were skipped when the pacer fell far behind. */
  void skip(int packets) {
    timestamp = (timestamp + (long) SAMPLES * packets) & 0xFFFFFFFFL;
  }

  private void transmit(int length) {
    InetSocketAddress to = remote;
    if (to == null || closed) {
      return;
    }
    packetBuffer.clear().limit(length);
    try {
      if (channel.send(packetBuffer, to) > 0) {
        packetsSent.incrementAndGet();
      } else {
        sendErrors.incrementAndGet();
      }
    } catch (ClosedChannelException e) {
      // closed concurrently: the pacer drops the stream at its next turn
    } catch (IOException e) {
      if (sendErrors.getAndIncrement() == 0) {
        log.warn("sending RTP from {} to {} failed", localAddress, to, e);
      }
    }
  }

  private static Runnable[] append(Runnable[] array, Runnable item) {
    if (array == null) {
      return new Runnable[] {item};
    }
    Runnable[] longer = Arrays.copyOf(array, array.length + 1);
    longer[array.length] = item;
    return longer;
  }

  // ------------------------------------------------------------------ receive thread

  void received(byte[] data, int length, InetSocketAddress source, long arrivalNanos) {
    RtpPacketListener listener = packetListener;
    if (listener == null && length >= RtpPacket.HEADER_LENGTH && (data[1] & 0x7F) != dtmfPayloadType) {
      // audio nobody listens to (Kodama's side of a call): count it without parsing or allocating
      packetsReceived.incrementAndGet();
      if (remote == null && (data[0] & 0xC0) == 0x80) {
        remote = source;
      }
      return;
    }
    RtpPacket rtp;
    try {
      rtp = RtpPacket.parse(data, 0, length);
    } catch (IllegalArgumentException e) {
      log.debug("ignoring a datagram from {} on {}: {}", source, localAddress, e.getMessage());
      return;
    }
    packetsReceived.incrementAndGet();
    if (remote == null) {
      remote = source;
    }
    if (rtp.payloadType() == dtmfPayloadType) {
      eventReceiver.accept(rtp);
    }
    if (listener != null) {
      try {
        listener.onPacket(rtp, arrivalNanos);
      } catch (RuntimeException e) {
        log.warn("RTP packet listener of {} failed", this, e);
      }
    }
  }

  private void keyReceived(TelephoneEvent event) {
    DtmfListener listener = dtmfListener;
    if (listener != null) {
      char key = event.key();
      pacer.callback(() -> listener.onDtmf(key));
    }
  }

  // ------------------------------------------------------------------ DTMF sending

  private record DtmfPress(int event, int packets) {}

  private static final class DtmfSending {
    final DtmfPress press;
    final long startTimestamp;
    int sent;

    DtmfSending(DtmfPress press, long startTimestamp) {
      this.press = press;
      this.startTimestamp = startTimestamp;
    }

    TelephoneEvent next() {
      sent++;
      int packets = Math.min(sent, press.packets());
      boolean end = sent >= press.packets();
      int duration = Math.min(packets * SAMPLES, 0xFFFF);
      return new TelephoneEvent(press.event(), end, DTMF_VOLUME, duration);
    }

    boolean done() {
      return sent >= press.packets() + DTMF_END_REPEATS - 1;
    }
  }
}
