package io.kodama.voice.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one media engine shared by all calls: a single pacing thread sends the next 20 ms packet
 * of every open {@link RtpStream}, a single receive thread reads the packets of all of them (one
 * selector), and a single callback thread runs their callbacks. No thread per call.
 *
 * <p>Each stream keeps an absolute schedule: its n-th packet is due at {@code start + n × 20 ms}
 * measured on {@link System#nanoTime()}, with {@code start} on a 1 ms grid. The pacing thread
 * sleeps until the earliest due slot, sends every packet that is due, and when it wakes late it
 * catches up by sending the overdue packets at once, so lateness never accumulates into drift. A
 * stream sends its first packet in the next 1 ms slot (no waiting for a common 20 ms tick), which
 * also spreads the load of many calls over the 20 slots of the period: at most 1,000 wake-ups a
 * second however many calls run. A stream more than the max catch-up behind (200 ms unless set;
 * e.g. after a long GC pause) skips the lost time rather than sending a burst.
 *
 * <p>Create one per application and {@link #close()} it at shutdown.
 */
public final class RtpPacer implements AutoCloseable {

  /** Samples per packet: 20 ms at 8 kHz. */
  public static final int SAMPLES_PER_PACKET = 160;

  /** Packet interval in nanoseconds. */
  public static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /** How far a stream may fall behind before it skips, unless set otherwise. */
  public static final Duration DEFAULT_MAX_CATCH_UP = Duration.ofMillis(200);
  /** Streams are due on a 1 ms grid: at most 1,000 wake-ups a second however many calls run. */
  static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final long EARLY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
  private static final Logger log = LoggerFactory.getLogger(RtpPacer.class);

  private final Thread sender;
  private final Thread receiver;
  private final ExecutorService callbacks;
  private final Selector selector;
  private final ConcurrentLinkedQueue<RtpStream> added = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<RtpStream> toRegister = new ConcurrentLinkedQueue<>();
  private final PacingSchedule<RtpStream> schedule;
  private final AtomicInteger open = new AtomicInteger();
  private final long epoch = System.nanoTime();
  private final AtomicLong latePackets = new AtomicLong();
  private final AtomicLong skippedPackets = new AtomicLong();
  private final boolean realtime;
  private volatile boolean realtimeActive;
  private volatile boolean closed;

  /** Starts the pacing, receive and callback threads, named {@code kodama-rtp-*}. */
  public RtpPacer() {
    this("kodama-rtp");
  }

  /** Starts the threads with a name prefix (several pacers in one JVM: tests, the simulator). */
  public RtpPacer(String threadNamePrefix) {
    this(threadNamePrefix, false, DEFAULT_MAX_CATCH_UP);
  }

  /**
   * Starts the threads.
   *
   * @param threadNamePrefix thread name prefix
   * @param realtime move the pacing thread to the real-time scheduler (Linux {@code SCHED_FIFO}
   *     via {@code chrt}, needs {@code CAP_SYS_NICE}); keeps packet spacing steady on a busy
   *     machine. Falls back to the normal scheduler with a warning when not permitted.
   * @param maxCatchUp how far a stream may fall behind and still send the overdue packets in a
   *     burst; beyond it the lost time is skipped
   */
  public RtpPacer(String threadNamePrefix, boolean realtime, Duration maxCatchUp) {
    if (maxCatchUp.isNegative()) {
      throw new IllegalArgumentException("the max catch-up must not be negative: " + maxCatchUp);
    }
    this.realtime = realtime;
    this.schedule =
        new PacingSchedule<>(PACKET_NANOS, EARLY_NANOS, (int) (maxCatchUp.toNanos() / PACKET_NANOS));
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for RTP", e);
    }
    this.callbacks =
        Executors.newSingleThreadExecutor(
            runnable -> daemon(runnable, threadNamePrefix + "-callbacks", Thread.NORM_PRIORITY));
    this.sender = daemon(this::pace, threadNamePrefix + "-pacer", Thread.MAX_PRIORITY);
    this.receiver = daemon(this::receive, threadNamePrefix + "-receiver", Thread.MAX_PRIORITY);
    sender.start();
    receiver.start();
  }

  /**
   * Opens a stream on a new UDP socket and starts sending at once (silence until {@link
   * RtpStream#play} is called).
   *
   * @param local where to bind, e.g. {@code new InetSocketAddress(host, 0)} for any free port
   * @param remote where to send; null to learn it from the first packet received
   * @param codec PCMU or PCMA, as negotiated
   * @param dtmfPayloadType the negotiated telephone-event payload type, or -1 if none
   * @throws UncheckedIOException when the socket cannot be bound
   */
  public RtpStream open(
      InetSocketAddress local, InetSocketAddress remote, G711 codec, int dtmfPayloadType) {
    DatagramChannel channel = null;
    try {
      channel =
          DatagramChannel.open(
              local.getAddress() instanceof java.net.Inet6Address
                  ? StandardProtocolFamily.INET6
                  : StandardProtocolFamily.INET);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
      channel.bind(local);
      return open(channel, remote, codec, dtmfPayloadType);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open an RTP socket on " + local, e);
    }
  }

  /**
   * Opens a stream on a socket the caller already bound (e.g. the port put into the SDP offer
   * before the answer arrived). The stream owns the socket from now on and closes it.
   */
  public RtpStream open(
      DatagramChannel channel, InetSocketAddress remote, G711 codec, int dtmfPayloadType) {
    if (closed) {
      throw new IllegalStateException("the RTP pacer is closed");
    }
    try {
      channel.configureBlocking(false);
      RtpStream stream = new RtpStream(this, channel, remote, codec, dtmfPayloadType);
      stream.firstDueNanos = nextSlot(System.nanoTime());
      open.incrementAndGet();
      toRegister.add(stream);
      selector.wakeup();
      added.add(stream);
      LockSupport.unpark(sender);
      return stream;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot use the RTP socket", e);
    }
  }

  /** Streams open now. */
  public int activeStreams() {
    return open.get();
  }

  /** Packets sent after their due time plus half a millisecond, since start. */
  public long latePackets() {
    return latePackets.get();
  }

  /** Packets skipped because the pacer fell more than the max catch-up behind, since start. */
  public long skippedPackets() {
    return skippedPackets.get();
  }

  /** Stops the threads; open streams stop sending (close them too to free their sockets). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(sender);
    selector.wakeup();
    callbacks.shutdown();
    try {
      sender.join(1000);
      receiver.join(1000);
      selector.close();
      callbacks.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("closing the RTP selector failed", e);
    }
  }

  // ------------------------------------------------------------------ internals

  /** The first grid slot at or after {@code nanos}. */
  long nextSlot(long nanos) {
    long sinceEpoch = nanos - epoch;
    long slots = (sinceEpoch + SLOT_NANOS - 1) / SLOT_NANOS;
    return epoch + slots * SLOT_NANOS;
  }

  void streamClosed(RtpStream stream) {
    open.decrementAndGet();
    LockSupport.unpark(sender);
  }

  void callback(Runnable callback) {
    if (closed) {
      return;
    }
    try {
      callbacks.execute(
          () -> {
            try {
              callback.run();
            } catch (RuntimeException e) {
              log.warn("an RTP callback failed", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("RTP callback dropped at shutdown", e);
    }
  }

  /** Whether the pacing thread runs on the real-time scheduler. */
  public boolean realtime() {
    return realtimeActive;
  }

  private void pace() {
    if (realtime) {
      realtimeActive = RealtimeScheduling.raiseCurrentThread();
    }
    while (!closed) {
      RtpStream stream;
      while ((stream = added.poll()) != null) {
        schedule.add(stream, stream.firstDueNanos);
      }
      long now = System.nanoTime();
      PacingSchedule.Entry<RtpStream> due = schedule.pollDue(now);
      if (due == null) {
        long wait = schedule.waitNanos(now);
        if (wait == Long.MAX_VALUE) {
          LockSupport.park(this);
        } else {
          LockSupport.parkNanos(this, wait);
        }
        continue;
      }
      RtpStream head = due.item;
      if (head.isClosed()) {
        continue; // dropped from the schedule
      }
      if (now - due.due > PACKET_NANOS / 40) {
        latePackets.incrementAndGet();
      }
      try {
        head.sendNext();
      } catch (RuntimeException e) {
        log.error("sending the next RTP packet of {} failed", head, e);
      }
      int skipped = schedule.reschedule(due, now);
      if (skipped > 0) {
        head.skip(skipped);
        skippedPackets.addAndGet(skipped);
      }
    }
  }

  private void receive() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    byte[] data = buffer.array();
    while (!closed) {
      try {
        selector.select();
        RtpStream stream;
        while ((stream = toRegister.poll()) != null) {
          if (!stream.isClosed()) {
            try {
              stream.channel().register(selector, SelectionKey.OP_READ, stream);
            } catch (java.nio.channels.ClosedChannelException e) {
              // closed before it was registered
            }
          }
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          RtpStream owner = (RtpStream) key.attachment();
          drain(owner, buffer, data);
        }
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          log.error("the RTP receive loop failed; continuing", e);
        }
      }
    }
  }

  private static void drain(RtpStream stream, ByteBuffer buffer, byte[] data) {
    for (int i = 0; i < 64; i++) {
      buffer.clear();
      InetSocketAddress source;
      try {
        source = (InetSocketAddress) stream.channel().receive(buffer);
      } catch (IOException e) {
        return; // closed, or ICMP port unreachable reported on the socket
      }
      if (source == null) {
        return;
      }
      stream.received(data, buffer.position(), source, System.nanoTime());
    }
  }

  private static Thread daemon(Runnable runnable, String name, int priority) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    thread.setPriority(priority);
    return thread;
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.debug("closing an RTP socket failed", e);
      }
    }
  }
}
