package io.kodama.webhook;

import io.kodama.simulator.phone.ReceivedInvite;
import io.kodama.simulator.phone.SimulatedPhone;
import io.kodama.simulator.smsc.SentReceipt;
import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.support.Api;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenants;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Time from the SMS receipt that says UNDELIV (or REJECTD, EXPIRED) to the fallback call's INVITE,
 * on the real wire: the clock starts when the SMSC simulator writes the deliver_sm ({@link
 * SentReceipt}) and stops when the simulated phone is handed the INVITE ({@link ReceivedInvite}),
 * both read from {@link System#nanoTime()}. Everything between runs as in production: Kodama's
 * SMPP receiver, the receipt's transaction and the {@code auto} workflow, the durable delivery job,
 * the call's audio and the SIP stack.
 *
 * <p>Each verification goes through the API to a number of the simulators whose SMS fails
 * ({@code …901}, {@code …902}, {@code …903}); the phone answers the {@code 0…} and {@code 4…}
 * numbers and refuses {@code 1…, 3…, 7…, 8…, 9…} (busy, decline, 480, 600, 500), so the
 * sequential runs use only answering numbers and the runs with 20 in flight, which need 20 numbers
 * (a new verification to a number supersedes the pending one), use both ({@code 2…} would ring for
 * 30 s, {@code 5…} and {@code 6…} would hear the whole code). The phone's time unit and the gate
 * timeout are short so that answered calls end within a second or two and the benchmark holds few
 * calls. db-scheduler polls at the shipped interval (1 s, not the test profile's 200 ms). A warm-up
 * (half sequential, half in flight) comes first, then each run times {@code count} verifications
 * one at a time and {@code count} with {@code concurrency} in flight (a closed loop).
 *
 * <p>Off by default; run with {@code mvn -q test -Dtest=ReceiptToInviteBenchmark -Dkodama.bench=true
 * -Dlogging.level.io.kodama=info -Dsurefire.failIfNoSpecifiedTests=false}, optionally {@code
 * -Dkodama.bench.count=200 -Dkodama.bench.concurrency=20 -Dkodama.bench.warmup=1000
 * -Dkodama.bench.runs=3}. Results are lines starting with {@code BENCH} in {@code
 * target/surefire-reports/io.kodama.webhook.ReceiptToInviteBenchmark-output.txt}.
 */
@KodamaTest
@Tag("benchmark")
@EnabledIfSystemProperty(named = "kodama.bench", matches = "true")
@TestPropertySource(properties = {
    "db-scheduler.polling-interval=${kodama.bench.polling-interval:1s}",
    "kodama.simulators.smsc.receipt-delay=${kodama.bench.receipt-delay:20ms}",
    "kodama.simulators.phone.time-unit=20ms",
    "kodama.voice.gate-timeout=1s",
    // every number here fails SMS again and again: never switch it to voice first
    "kodama.workflow.sms-failure-memory=1ms"})
class ReceiptToInviteBenchmark {

  /** Fail SMS (…901 UNDELIV, …902 REJECTD, …903 EXPIRED); the phone answers (T = 0 listens, 4 hangs up). */
  private static final List<String> ANSWERING = numbers("04");
  /** Fail SMS; the phone refuses: 1 busy, 3 declines, 7 480, 8 600, 9 500. */
  private static final List<String> REFUSING = numbers("13789");

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired SmscSimulator smsc;
  @Autowired SimulatedPhone phone;

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicInteger strays = new AtomicInteger();

  @Test
  void timesTheFailedReceiptToTheFallbackInvite() throws Exception {
    int count = Integer.getInteger("kodama.bench.count", 200);
    int concurrency = Integer.getInteger("kodama.bench.concurrency", 20);
    int warmup = Integer.getInteger("kodama.bench.warmup", 1000);
    int runs = Integer.getInteger("kodama.bench.runs", 3);
    List<String> mixed = new ArrayList<>(ANSWERING);
    mixed.addAll(REFUSING);
    if (concurrency > mixed.size()) {
      throw new IllegalArgumentException("at most " + mixed.size() + " in flight: one number each");
    }
    Api api = new Api(port, Fixtures.e2eTenant(tenants, Map.ofEntries(
        Map.entry("protection.rate.tenant-per-second", "10000"),
        Map.entry("protection.rate.prefix-per-hour", "1000000"),
        Map.entry("protection.rate.number-per-hour", "1000"),
        Map.entry("protection.rate.number-per-day", "10000"),
        Map.entry("protection.pumping.min-sends", "1000000"),
        Map.entry("protection.pumping.country-min-sends", "10000000"),
        Map.entry("protection.spend.sms-per-day", "100000000"),
        Map.entry("protection.spend.voice-per-day", "100000000"),
        Map.entry("protection.unreachable.failures-per-channel", "100"),
        Map.entry("workflow.sms-failures-before-voice-first", "100"),
        Map.entry("voice.languages", "en"),
        Map.entry("voice.repetitions", "1"))).key());

    Consumer<SentReceipt> onReceipt = r -> {
      if (!"ENROUTE".equals(r.stat()) && !"DELIVRD".equals(r.stat())) {
        Pending p = pending.get(r.to());
        if (p == null || !p.receipt.compareAndSet(0, r.sentAtNanos())) {
          strays.incrementAndGet();
        } else {
          p.seen.countDown();
        }
      }
    };
    Consumer<ReceivedInvite> onInvite = i -> {
      Pending p = pending.get(i.number());
      if (p == null || !p.invite.compareAndSet(0, i.receivedAtNanos())) {
        strays.incrementAndGet();
      } else {
        p.seen.countDown();
      }
    };
    smsc.addReceiptListener(onReceipt);
    phone.addInviteListener(onInvite);
    try {
      run("warm-up, sequential", api, warmup / 2, 1, ANSWERING);
      run("warm-up, " + concurrency + " in flight", api, warmup - warmup / 2, concurrency, mixed);
      List<Stats> sequential = new ArrayList<>();
      List<Stats> parallel = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        sequential.add(run("run " + i + ", sequential", api, count, 1, ANSWERING));
        parallel.add(run("run " + i + ", " + concurrency + " in flight", api, count, concurrency, mixed));
      }
      summary("sequential", sequential);
      summary(concurrency + " in flight", parallel);
      System.out.println(String.format("BENCH events that matched no verification in flight: %d", strays.get()));
    } finally {
      smsc.removeReceiptListener(onReceipt);
      phone.removeInviteListener(onInvite);
    }
  }

  private Stats run(String name, Api api, int count, int concurrency, List<String> numbers) throws Exception {
    BlockingQueue<String> free = new ArrayBlockingQueue<>(numbers.size(), false, numbers);
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger left = new AtomicInteger(count);
    AtomicInteger failed = new AtomicInteger();
    double loadBefore = load();
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        done.add(workers.submit(() -> {
          while (left.getAndDecrement() > 0) {
            String number = free.take();
            try {
              long latency = once(api, number);
              if (latency < 0) {
                failed.incrementAndGet();
              } else {
                micros.add(latency / 1_000);
              }
            } finally {
              free.put(number);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMillis = (processCpuNanos() - cpuStart) / 1e6 / count;
    Stats stats = Stats.of(micros, failed.get());
    System.out.println(String.format("BENCH %s: %s; %.1f verifications/s, %.0f ms of CPU each (the whole JVM);"
        + " load average %.1f → %.1f", name, stats, count / seconds, cpuMillis, loadBefore, load()));
    return stats;
  }

  /** One verification; the receipt → INVITE time in nanoseconds, or -1 when either did not come. */
  private long once(Api api, String number) throws InterruptedException {
    Pending p = new Pending();
    pending.put(number, p);
    try {
      Api.Response started = api.post("/v1/verifications", Map.of("to", number));
      if (started.status() != 201) {
        System.out.println(String.format("BENCH start refused for %s: %d %s", number, started.status(), started.body()));
        return -1;
      }
      if (!p.seen.await(30, TimeUnit.SECONDS)) {
        System.out.println(String.format("BENCH no %s for %s within 30 s", p.receipt.get() == 0 ? "receipt" : "INVITE", number));
        return -1;
      }
      return p.invite.get() - p.receipt.get();
    } finally {
      pending.remove(number, p);
    }
  }

  private static void summary(String name, List<Stats> runs) {
    System.out.println(String.format("BENCH %s, median of %d runs: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
        name, runs.size(), median(runs, Stats::p50), median(runs, Stats::p90), median(runs, Stats::p99),
        median(runs, Stats::max)));
  }

  private static double median(List<Stats> runs, ToDoubleFunction<Stats> value) {
    double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** {@code +81 90-5550-T90x} for each T given: the mobile block of the simulated phone. */
  private static List<String> numbers(String behaviours) {
    List<String> numbers = new ArrayList<>();
    for (char t : behaviours.toCharArray()) {
      for (String tail : List.of("901", "902", "903")) {
        numbers.add("+81905550" + t + tail);
      }
    }
    return List.copyOf(numbers);
  }

  private static final class Pending {
    final AtomicLong receipt = new AtomicLong();
    final AtomicLong invite = new AtomicLong();
    final CountDownLatch seen = new CountDownLatch(2);
  }

  record Stats(int n, int failed, double p50, double p90, double p99, double max) {

    static Stats of(List<Long> micros, int failed) {
      long[] sorted;
      synchronized (micros) {
        sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
      }
      if (sorted.length == 0) {
        return new Stats(0, failed, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
      }
      return new Stats(sorted.length, failed, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
          sorted[sorted.length - 1] / 1000.0);
    }

    /** Nearest rank, in milliseconds. */
    private static double rank(long[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    @Override
    public String toString() {
      return String.format("%d verifications (%d failed), receipt → INVITE p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
          + " max %.1f ms", n, failed, p50, p90, p99, max);
    }
  }
}
