package io.kodama.voice.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RtpStreamTest {

  private static final InetSocketAddress ANY_LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private RtpPacer pacer;
  private DatagramChannel far;

  @BeforeEach
  void start() throws IOException {
    pacer = new RtpPacer("test-rtp");
    far = DatagramChannel.open().bind(ANY_LOOPBACK);
    far.socket().setSoTimeout((int) WAIT.toMillis());
  }

  @AfterEach
  void stop() throws IOException {
    pacer.close();
    far.close();
  }

  @Test
  void sendsSilenceWithContinuousSequenceNumbersTimestampsAndOneSsrc() throws IOException {
    try (RtpStream stream = pacer.open(ANY_LOOPBACK, farAddress(), G711.PCMU, 101)) {
      List<RtpPacket> packets = receive(10);

      assertThat(packets.get(0).marker()).isTrue();
      for (int i = 1; i < packets.size(); i++) {
        RtpPacket previous = packets.get(i - 1);
        RtpPacket packet = packets.get(i);
        assertThat(packet.sequenceNumber()).isEqualTo((previous.sequenceNumber() + 1) & 0xFFFF);
        assertThat(packet.timestamp()).isEqualTo((previous.timestamp() + 160) & 0xFFFFFFFFL);
        assertThat(packet.ssrc()).isEqualTo(stream.ssrc());
        assertThat(packet.marker()).isFalse();
        assertThat(packet.payloadType()).isZero();
        assertThat(packet.payload()).hasSize(160).containsOnly((byte) 0xFF);
      }
    }
  }

  @Test
  void playsQueuedAudioEncodedInOrderWithTheMarkerOnTheFirstPacket() throws IOException {
    try (RtpStream stream = pacer.open(ANY_LOOPBACK, farAddress(), G711.PCMA, 101)) {
      receive(2);
      short[] first = ramp(400, 1000);
      short[] second = ramp(100, -3000);
      AtomicInteger finished = new AtomicInteger();

      Playback one = stream.play(first, finished::incrementAndGet);
      Playback two = stream.play(second, finished::incrementAndGet);

      List<RtpPacket> audio = receiveUntilAudioEnds();
      await().atMost(WAIT).until(() -> finished.get() == 2);
      assertThat(audio).hasSize(4);
      assertThat(audio.get(0).marker()).isTrue();
      assertThat(audio.subList(1, 4)).noneMatch(RtpPacket::marker);
      short[] heard = decode(audio, G711.PCMA);
      short[] expected = G711.PCMA.decode(G711.PCMA.encode(concat(first, second)));
      assertThat(java.util.Arrays.copyOf(heard, 500)).containsExactly(expected);
      assertThat(one.isFinished()).isTrue();
      assertThat(two.samplesPlayed()).isEqualTo(100);
      assertThat(stream.samplesPlayed()).isEqualTo(500);
      assertThat(stream.isPlaying()).isFalse();
    }
  }

  @Test
  void stopDropsWhatIsQueuedWithoutRunningItsCallbacks() {
    try (RtpStream stream = pacer.open(ANY_LOOPBACK, farAddress(), G711.PCMU, 101)) {
      AtomicInteger finished = new AtomicInteger();
      Playback long1 = stream.play(new short[8000 * 60], finished::incrementAndGet);
      Playback long2 = stream.play(new short[8000 * 60], finished::incrementAndGet);
      await().atMost(WAIT).until(() -> long1.samplesPlayed() > 0);

      stream.stop();

      assertThat(long1.isStopped()).isTrue();
      assertThat(long2.isStopped()).isTrue();
      assertThat(long2.samplesPlayed()).isZero();
      assertThat(stream.isPlaying()).isFalse();
      assertThat(finished).hasValue(0);
    }
  }

  @Test
  void sendsAKeyPressAsTelephoneEventsWithThreeEndPackets() throws IOException {
    try (RtpStream stream = pacer.open(ANY_LOOPBACK, farAddress(), G711.PCMU, 96)) {
      receive(1);
      stream.sendDtmf('#', Duration.ofMillis(100));

      List<RtpPacket> events = new ArrayList<>();
      while (events.size() < 7) {
        RtpPacket packet = receive(1).get(0);
        if (packet.payloadType() == 96) {
          events.add(packet);
        }
      }

      assertThat(events).extracting(RtpPacket::timestamp).containsOnly(events.get(0).timestamp());
      assertThat(events.get(0).marker()).isTrue();
      assertThat(events.subList(1, 7)).noneMatch(RtpPacket::marker);
      List<TelephoneEvent> payloads = events.stream().map(p -> TelephoneEvent.parse(p.payload())).toList();
      assertThat(payloads).allMatch(e -> e.key() == '#');
      assertThat(payloads).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 640, 800, 800, 800);
      assertThat(payloads).extracting(TelephoneEvent::end).containsExactly(false, false, false, false, true, true, true);
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).sequenceNumber()).isEqualTo((events.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
      }
    }
  }

  @Test
  void reportsKeysPressedByTheOtherStreamOncePerPress() {
    try (RtpStream kodama = pacer.open(ANY_LOOPBACK, null, G711.PCMU, 101);
        RtpStream phone = pacer.open(ANY_LOOPBACK, kodama.localAddress(), G711.PCMU, 101)) {
      List<Character> keys = new CopyOnWriteArrayList<>();
      kodama.onDtmf(keys::add);

      phone.sendDtmf('1');
      phone.sendDtmf('1');
      phone.sendDtmf('9');

      await().atMost(WAIT).until(() -> keys.size() >= 3);
      assertThat(keys).containsExactly('1', '1', '9');
      assertThat(kodama.remote()).isEqualTo(phone.localAddress());
      await().atMost(WAIT).until(() -> kodama.packetsReceived() > 10);
    }
  }

  @Test
  void playbackOfAClosedStreamIsStoppedAtOnce() {
    RtpStream stream = pacer.open(ANY_LOOPBACK, farAddress(), G711.PCMU, 101);
    stream.close();

    assertThat(stream.play(new short[160]).isStopped()).isTrue();
    assertThat(pacer.activeStreams()).isZero();
  }

  // ------------------------------------------------------------------ helpers

  private InetSocketAddress farAddress() {
    try {
      return (InetSocketAddress) far.getLocalAddress();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<RtpPacket> receive(int count) throws IOException {
    List<RtpPacket> packets = new ArrayList<>();
    byte[] buffer = new byte[2048];
    java.net.DatagramPacket datagram = new java.net.DatagramPacket(buffer, buffer.length);
    while (packets.size() < count) {
      try {
        far.socket().receive(datagram);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no RTP packet within " + WAIT, e);
      }
      packets.add(RtpPacket.parse(buffer, 0, datagram.getLength()));
    }
    return packets;
  }

  /** Skips silence, then returns the packets until silence again. */
  private List<RtpPacket> receiveUntilAudioEnds() throws IOException {
    List<RtpPacket> audio = new ArrayList<>();
    while (true) {
      RtpPacket packet = receive(1).get(0);
      boolean silent = isSilent(packet);
      if (!silent || packet.marker()) {
        audio.add(packet);
      } else if (!audio.isEmpty()) {
        return audio;
      }
    }
  }

  private static boolean isSilent(RtpPacket packet) {
    G711 codec = G711.forPayloadType(packet.payloadType());
    for (byte b : packet.payload()) {
      if (b != codec.silence()) {
        return false;
      }
    }
    return true;
  }

  private static short[] decode(List<RtpPacket> packets, G711 codec) {
    ByteBuffer all = ByteBuffer.allocate(packets.size() * 160);
    packets.forEach(p -> all.put(p.payload()));
    return codec.decode(all.array());
  }

  private static short[] ramp(int length, int start) {
    short[] pcm = new short[length];
    for (int i = 0; i < length; i++) {
      pcm[i] = (short) (start + i * 7);
    }
    return pcm;
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
