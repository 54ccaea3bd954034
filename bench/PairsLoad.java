// Load generator: start a verification, then check a code, as fast as possible (closed loop) or at a
// fixed rate (open loop), and report pairs per second and latency percentiles.
//
//   java bench/PairsLoad.java --url http://localhost:8080 --key kdm_… [--concurrency 32] [--seconds 30]
//                             [--warmup 10] [--rate 500] [--prefix +81900]
//
// --rate N     open loop: N pairs per second, latency measured from the scheduled start (no coordinated omission)
// --prefix P   numbers are P followed by random digits (their last three stay below 900, which the
//              SMSC simulator delivers)
// --mode sms   start only (no check), then wait until the SMSC simulator's receipts for all of them are
//              matched (kodama_sms_receipts_total): the whole pipeline API → submit_sm → receipt → attempt
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PairsLoad {

  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(vrf_[A-Z0-9]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>(Map.of("url", "http://localhost:8080", "concurrency", "32",
        "seconds", "30", "warmup", "10", "rate", "0", "prefix", "+81900", "mode", "pairs"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String key = o.get("key");
    if (key == null) {
      System.err.println("--key is required");
      System.exit(2);
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(5)).build();
    boolean smsMode = "sms".equals(o.get("mode"));
    Runner runner = new Runner(http, o.get("url"), key, o.get("prefix"), !smsMode);
    int concurrency = Integer.parseInt(o.get("concurrency"));
    int rate = Integer.parseInt(o.get("rate"));
    System.out.printf("warm-up %s s …%n", o.get("warmup"));
    run(runner, concurrency, rate, Integer.parseInt(o.get("warmup")));
    if (smsMode) {
      awaitReceipts(http, o.get("url"), Double.MAX_VALUE);
    }
    double receiptsBefore = smsMode ? receipts(http, o.get("url")) : 0;
    long t0 = System.nanoTime();
    Result r = run(runner, concurrency, rate, Integer.parseInt(o.get("seconds")));
    if (smsMode) {
      double target = receiptsBefore + r.count;
      double reached = awaitReceipts(http, o.get("url"), target);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("started=%d receipts matched=%.0f in %.1f s → %.0f verifications/s end to end"
          + " (API start → submit_sm → DELIVRD receipt → attempt delivered); start p50=%.2f ms p99=%.2f ms%n",
          r.count, reached - receiptsBefore, seconds, (reached - receiptsBefore) / seconds, r.percentile(50),
          r.percentile(99));
      System.exit(0);
    }
    System.out.printf("pairs=%d errors=%d seconds=%.1f pairs/s=%.0f p50=%.2f ms p99=%.2f ms max=%.2f ms (%s)%n",
        r.count, r.errors, r.seconds, r.count / r.seconds, r.percentile(50), r.percentile(99), r.percentile(100),
        rate > 0 ? "open loop at " + rate + "/s" : "closed loop, " + concurrency + " in flight");
    System.exit(0);
  }

  /** Waits until the matched-receipt counter reaches {@code target} or stops moving for 5 s. */
  static double awaitReceipts(HttpClient http, String url, double target) throws Exception {
    double last = receipts(http, url);
    long lastChange = System.nanoTime();
    while (last < target && System.nanoTime() - lastChange < 5_000_000_000L) {
      Thread.sleep(100);
      double now = receipts(http, url);
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
    return last;
  }

  static double receipts(HttpClient http, String url) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("kodama_sms_receipts_total\\{[^}]*result=\"matched\"[^}]*} ([0-9.E]+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  record Result(long count, long errors, double seconds, long[] nanos) {
    double percentile(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(nanos.length - 1, Math.ceil(p / 100.0 * nanos.length) - 1);
      return nanos[Math.max(0, index)] / 1e6;
    }
  }

  static Result run(Runner runner, int concurrency, int rate, int seconds) throws Exception {
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(rate > 0 ? Math.max(concurrency, 64) : concurrency);
    if (rate > 0) {
      long interval = 1_000_000_000L / rate;
      for (long due = start; due < end; due += interval) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        long scheduled = due;
        pool.submit(() -> {
          if (runner.pair()) {
            latencies.add(System.nanoTime() - scheduled);
          } else {
            errors.incrementAndGet();
          }
        });
      }
    } else {
      for (int i = 0; i < concurrency; i++) {
        pool.submit(() -> {
          while (!stop.get() && System.nanoTime() < end) {
            long t0 = System.nanoTime();
            if (runner.pair()) {
              latencies.add(System.nanoTime() - t0);
            } else {
              errors.incrementAndGet();
            }
          }
        });
      }
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    stop.set(true);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(sorted.length, errors.get(), elapsed, sorted);
  }

  static final class Runner {
    final HttpClient http;
    final String url;
    final String key;
    final String prefix;
    final boolean check;

    Runner(HttpClient http, String url, String key, String prefix, boolean check) {
      this.http = http;
      this.url = url;
      this.key = key;
      this.prefix = prefix;
      this.check = check;
    }

    boolean pair() {
      try {
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < 10) {
          number.append(ThreadLocalRandom.current().nextInt(10));
        }
        number.append(String.format("%03d", ThreadLocalRandom.current().nextInt(900)));
        HttpResponse<String> started = http.send(post("/v1/verifications", "{\"to\":\"" + number + "\"}"),
            HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 201) {
          return false;
        }
        if (!check) {
          return true;
        }
        Matcher m = ID.matcher(started.body());
        if (!m.find()) {
          return false;
        }
        // a wrong code: the load generator cannot read the SMS, and a wrong check runs the same path
        // (slot taken, keyed hash compared) as a right one
        HttpResponse<String> checked = http.send(post("/v1/verifications/" + m.group(1) + "/check",
            "{\"code\":\"000000\"}"), HttpResponse.BodyHandlers.ofString());
        return checked.statusCode() == 200;
      } catch (Exception e) {
        return false;
      }
    }

    HttpRequest post(String path, String body) {
      return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
  }
}
