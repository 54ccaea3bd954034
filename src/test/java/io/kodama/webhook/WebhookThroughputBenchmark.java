package io.kodama.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.sun.net.httpserver.HttpServer;
import io.kodama.support.Fixtures;
import io.kodama.support.KodamaTest;
import io.kodama.tenant.Tenant;
import io.kodama.tenant.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook delivery throughput to a receiver on loopback: events are written (with their jobs) while
 * the scheduler is paused, then the time to deliver all of them is measured. Off by default; run
 * with {@code mvn -o test -Dtest=WebhookThroughputBenchmark -Dkodama.bench=true
 * -Dlogging.level.io.kodama=info -Dsurefire.failIfNoSpecifiedTests=false}, optionally {@code -Dkodama.bench.events=5000
 * -Dkodama.bench.runs=5 -Dkodama.bench.warmup=2000} (events delivered before the timed runs, in runs of
 * at most {@code events}; this machine's JIT needs about 20,000 to finish). Results are printed as lines starting with {@code BENCH}.
 */
@KodamaTest
@Tag("benchmark")
@EnabledIfSystemProperty(named = "kodama.bench", matches = "true")
class WebhookThroughputBenchmark {

  @Autowired Tenants tenants;
  @Autowired WebhookEndpoints endpoints;
  @Autowired WebhookEvents events;
  @Autowired Scheduler scheduler;
  @Autowired TransactionTemplate tx;

  @Test
  void deliversEventsToALocalReceiver() throws Exception {
    int count = Integer.getInteger("kodama.bench.events", 5000);
    int runs = Integer.getInteger("kodama.bench.runs", 5);
    int warmup = Integer.getInteger("kodama.bench.warmup", Math.min(count, 2000));
    AtomicInteger received = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      received.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      Tenant tenant = Fixtures.tenant(tenants).tenant();
      WebhookEndpoint endpoint = endpoints.create(tenant, "http://127.0.0.1:" + server.getAddress().getPort() + "/in",
          null, true, "benchmark").endpoint();
      for (int left = warmup; left > 0; left -= count) {
        run("warm-up", Math.min(left, count), tenant, endpoint, received);
      }
      List<Double> rates = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        rates.add(run("run " + i, count, tenant, endpoint, received));
      }
      List<Double> sorted = rates.stream().sorted().toList();
      System.out.printf("BENCH webhook delivery: median %.0f events/s over %d runs of %d events (min %.0f, max %.0f)%n",
          sorted.get(sorted.size() / 2), runs, count, sorted.get(0), sorted.get(sorted.size() - 1));
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Busy CPU time of the whole machine (every process, the database's too), from /proc/stat; 0 elsewhere. */
  private static long machineBusyNanos() {
    try {
      String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length; i++) {
        if (i != 4 && i != 5) { // idle and iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 10_000_000L; // USER_HZ = 100
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private double run(String name, int count, Tenant tenant, WebhookEndpoint endpoint, AtomicInteger received)
      throws InterruptedException {
    scheduler.pause();
    int before = received.get();
    try {
      for (int written = 0; written < count; written += 500) {
        int batch = Math.min(500, count - written);
        tx.executeWithoutResult(status -> {
          for (int i = 0; i < batch; i++) {
            events.append(tenant.id(), EventTypes.WEBHOOK_TEST, null, null, null, Map.of("n", i), java.time.Instant.now(),
                endpoint);
          }
        });
      }
    } finally {
      scheduler.resume();
    }
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    long machineStart = machineBusyNanos();
    scheduler.triggerCheckForDueExecutions();
    long deadline = start + Duration.ofMinutes(5).toNanos();
    while (received.get() - before < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int delivered = received.get() - before;
    double rate = delivered / seconds;
    double cpuMicrosPerEvent = (processCpuNanos() - cpuStart) / 1e3 / delivered;
    double machineMicrosPerEvent = (machineBusyNanos() - machineStart) / 1e3 / delivered;
    System.out.printf("BENCH %s: %d events in %.2f s = %.0f events/s; CPU per event: %.0f µs in Kodama and receiver"
        + " (all threads), %.0f µs on the whole machine (database included); load average %.1f%n", name, delivered,
        seconds, rate, cpuMicrosPerEvent, machineMicrosPerEvent,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return rate;
  }
}
