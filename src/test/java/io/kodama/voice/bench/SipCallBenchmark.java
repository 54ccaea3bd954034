package io.kodama.voice.bench;

import io.kodama.dispatch.DeliveryTask;
import io.kodama.voice.RecordingAttemptUpdates;
import io.kodama.voice.VoiceRig;
import io.kodama.voice.call.CallTimings;
import io.kodama.voice.sip.InboundCall;
import io.kodama.voice.sip.InboundCallListener;
import io.kodama.voice.sip.SipEndpoint;
import io.kodama.voice.sip.SipEndpointSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Voice calls end to end over loopback SIP and RTP: Kodama's {@code SipVoiceChannel} calls a
 * measuring answerer built on the same SIP endpoint, whose one receive thread time-stamps every
 * RTP packet ({@link System#nanoTime()}, same JVM as the sender).
 *
 * <ol>
 *   <li>Answer to first packet: from just before the answerer sends 200 OK to the arrival of the
 *       first RTP packet; sequential calls after a warm-up.
 *   <li>Concurrent calls: N calls placed at once, each reading the code once in English (~15 s of
 *       audio); spacing error = |arrival gap − 20 ms| between consecutive packets of a call,
 *       measured at the receiving side.
 * </ol>
 *
 * <pre>
 * mvn -q -o test-compile &amp;&amp; java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     io.kodama.voice.bench.SipCallBenchmark [concurrentCalls=300] [warmupCalls=20] [answerCalls=50]
 * </pre>
 */
public final class SipCallBenchmark {

  private SipCallBenchmark() {}

  public static void main(String[] args) throws Exception {
    int concurrent = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int answerCalls = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    System.out.printf("cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));

    ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    try (Receiver receiver = new Receiver()) {
      SipEndpoint answerer = SipEndpoint.start(
          SipEndpointSettings.listening("bench-answerer", "127.0.0.1", 0), timers, receiver::onInvite);
      RecordingAttemptUpdates updates = new RecordingAttemptUpdates();
      CallTimings timings = new CallTimings(Duration.ofSeconds(10), Duration.ofSeconds(10),
          Duration.ofMillis(200), Duration.ofMinutes(2));
      try (VoiceRig kodama = new VoiceRig("127.0.0.1:" + answerer.port(), "udp", null, timings,
          () -> 7, updates, concurrent + 10)) {
        // 1. answer → first RTP packet, sequential, after warm-up
        receiver.hangUpAfterFirstPacket = true;
        runSequential(kodama, receiver, updates, "warm", warmup);
        receiver.reset();
        runSequential(kodama, receiver, updates, "seq", answerCalls);
        long[] firstPacket = receiver.firstPacketNanos();
        System.out.printf("answer→first RTP packet (%d sequential calls after %d warm-up): "
                + "p50=%.2f ms p99=%.2f ms max=%.2f ms%n", firstPacket.length, warmup,
            ms(pct(firstPacket, 50)), ms(pct(firstPacket, 99)), ms(max(firstPacket)));

        // 2. concurrent calls
        receiver.reset();
        receiver.hangUpAfterFirstPacket = false;
        long start = System.nanoTime();
        for (int i = 0; i < concurrent; i++) {
          kodama.channel.deliver(task("conc-" + i, i));
        }
        long placed = System.nanoTime() - start;
        int completed = 0;
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < concurrent; i++) {
          String status = updates.awaitFinal("conc-" + i, Duration.ofMinutes(3)).status();
          outcomes.merge(status, 1, Integer::sum);
          if (status.equals("completed")) {
            completed++;
          }
        }
        long[] concurrentFirst = receiver.firstPacketNanos();
        long[] spacing = receiver.spacingErrors();
        long packets = receiver.packets();
        System.out.printf("concurrent calls: %d placed in %.0f ms, outcomes %s, peak active %d%n",
            concurrent, ms(placed), outcomes, receiver.peakActive);
        System.out.printf("  RTP packets received %d, late-packet count at sender %d, skipped %d%n",
            packets, kodama.pacer.latePackets(), kodama.pacer.skippedPackets());
        System.out.printf("  spacing error |gap-20ms|: p50=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms"
                + " (%d gaps)%n", ms(pct(spacing, 50)), ms(pct(spacing, 99)), ms(pct(spacing, 99.9)),
            ms(max(spacing)), spacing.length);
        System.out.printf("  answer→first RTP packet under load: p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
            ms(pct(concurrentFirst, 50)), ms(pct(concurrentFirst, 99)), ms(max(concurrentFirst)));
        if (completed != concurrent) {
          System.out.println("  NOT ALL CALLS COMPLETED");
        }
      } finally {
        answerer.close();
      }
    } finally {
      timers.shutdownNow();
    }
    System.exit(0);
  }

  private static void runSequential(VoiceRig kodama, Receiver receiver,
      RecordingAttemptUpdates updates, String prefix, int calls) {
    long[] deliver = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      kodama.channel.deliver(task(prefix + "-" + i, i));
      deliver[i] = System.nanoTime() - t0;
      updates.awaitFinal(prefix + "-" + i, Duration.ofSeconds(30));
    }
    System.out.printf("  %s: deliver() p50=%.2f ms p99=%.2f ms%n", prefix, ms(pct(deliver, 50)),
        ms(pct(deliver, 99)));
  }

  private static DeliveryTask task(String attempt, int i) {
    return new DeliveryTask(attempt, "vrf_bench", "ten_bench",
        "+8135550" + String.format("%04d", i % 10), "482915", "en", "", 5, "login",
        Map.of("voice.gate", "off", "voice.repetitions", "1", "voice.languages", "en"));
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }

  private static long max(long[] values) {
    return values.length == 0 ? 0 : Arrays.stream(values).max().getAsLong();
  }

  private static double pct(long[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** Answers every call and time-stamps its RTP packets on one selector thread. */
  static final class Receiver implements AutoCloseable {
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Leg> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean hangUpAfterFirstPacket;
    volatile int peakActive;
    private volatile boolean closed;

    Receiver() throws IOException {
      selector = Selector.open();
      thread = new Thread(this::run, "bench-receiver");
      thread.setPriority(Thread.MAX_PRIORITY);
      thread.setDaemon(true);
      thread.start();
    }

    void onInvite(InboundCall call) {
      try {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.configureBlocking(false);
        Leg leg = new Leg(call, channel);
        legs.put(call.id(), leg);
        call.listen(new InboundCallListener() {
          @Override
          public void onEnded(boolean byCaller) {
            leg.ended = true;
            active.decrementAndGet();
            try {
              channel.close();
            } catch (IOException e) {
              // ignore
            }
          }
        });
        pending.add(leg);
        selector.wakeup();
        int now = active.incrementAndGet();
        peakActive = Math.max(peakActive, now);
        leg.answeredNanos = System.nanoTime();
        call.answer("127.0.0.1", ((InetSocketAddress) channel.getLocalAddress()).getPort());
      } catch (IOException e) {
        call.reject(500);
      }
    }

    private void run() {
      ByteBuffer buffer = ByteBuffer.allocate(2048);
      while (!closed) {
        try {
          selector.select(100);
          Leg leg;
          while ((leg = pending.poll()) != null) {
            try {
              leg.channel.register(selector, SelectionKey.OP_READ, leg);
            } catch (java.nio.channels.ClosedChannelException e) {
              // ended
            }
          }
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Leg owner = (Leg) key.attachment();
            while (true) {
              buffer.clear();
              try {
                if (owner.channel.receive(buffer) == null) {
                  break;
                }
              } catch (IOException e) {
                break;
              }
              long now = System.nanoTime();
              owner.arrived(now, buffer.get(1) & 0x7F);
              if (hangUpAfterFirstPacket && owner.count == 1) {
                owner.call.hangup();
              }
            }
          }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
          return;
        }
      }
    }

    void reset() {
      legs.clear();
      peakActive = 0;
    }

    long[] firstPacketNanos() {
      return legs.values().stream().filter(l -> l.first > 0)
          .mapToLong(l -> l.first - l.answeredNanos).toArray();
    }

    long[] spacingErrors() {
      List<Long> all = new ArrayList<>();
      for (Leg leg : legs.values()) {
        synchronized (leg) {
          for (int i = 1; i < leg.count; i++) {
            all.add(Math.abs(leg.arrivals[i] - leg.arrivals[i - 1] - 20_000_000L));
          }
        }
      }
      return all.stream().mapToLong(Long::longValue).toArray();
    }

    long packets() {
      return legs.values().stream().mapToLong(l -> l.count).sum();
    }

    @Override
    public void close() throws IOException {
      closed = true;
      selector.wakeup();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      selector.close();
    }
  }

  static final class Leg {
    final InboundCall call;
    final DatagramChannel channel;
    volatile long answeredNanos;
    volatile long first;
    volatile boolean ended;
    long[] arrivals = new long[1024];
    int count;

    Leg(InboundCall call, DatagramChannel channel) {
      this.call = call;
      this.channel = channel;
    }

    synchronized void arrived(long nanos, int payloadType) {
      if (payloadType != 0 && payloadType != 8) {
        return;
      }
      if (count == 0) {
        first = nanos;
      }
      if (count == arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, count * 2);
      }
      arrivals[count++] = nanos;
    }
  }
}
