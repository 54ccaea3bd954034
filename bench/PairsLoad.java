// Load generator (keep-alive HTTP/1.1 over plain sockets with TCP_NODELAY: the JDK HttpClient writes
// headers and body separately and loses ~40 ms per request to delayed ACKs on loopback).
// It starts a verification, then checks a code, as fast as possible (closed loop) or at a
// fixed rate (open loop), and report pairs per second and latency percentiles.
//
//   java bench/PairsLoad.java --url http://localhost:8080 --key kdm_… [--concurrency 32] [--seconds 30]
//                             [--warmup 10] [--rate 500] [--prefix +81900] [--runs 3]
//
// --runs N     N measured runs after one warm-up, each reported, then their medians
// --rate N     open loop: N pairs per second, latency measured from the scheduled start (no coordinated omission)
// --pid N      the server's process id (Linux): each run also reports the server's CPU time per pair,
//              which moves less with the machine's speed than pairs per second
// --prefix P   numbers are P followed by random digits (their last three stay below 900, which the
//              SMSC simulator delivers)
// --mode sms   start only (no check), then wait until the SMSC simulator's receipts for all of them are
//              matched (kodama_sms_receipts_total): the whole pipeline API → submit_sm → receipt → attempt;
//              also reports the whole machine's busy CPU per verification (/proc/stat: the server, the
//              database, this generator and anything else the machine runs meanwhile)
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
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
        "seconds", "30", "warmup", "10", "rate", "0", "prefix", "+819012", "mode", "pairs", "runs", "1", "pid", "0"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String key = o.get("key");
    if (key == null) {
      System.err.println("--key is required");
      System.exit(2);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    boolean smsMode = "sms".equals(o.get("mode"));
    Runner runner = new Runner(o.get("url"), key, o.get("prefix"), !smsMode);
    serverPid = Long.parseLong(o.get("pid"));
    int concurrency = Integer.parseInt(o.get("concurrency"));
    int rate = Integer.parseInt(o.get("rate"));
    System.out.printf("warm-up %s s …%n", o.get("warmup"));
    run(runner, concurrency, rate, Integer.parseInt(o.get("warmup")));
    if (smsMode) {
      awaitReceipts(http, o.get("url"), Double.MAX_VALUE);
    }
    double receiptsBefore = smsMode ? receipts(http, o.get("url")) : 0;
    long t0 = System.nanoTime();
    long machineCpuStart = machineCpuMillis();
    long serverCpuStart = serverCpuMillis();
    long ownCpuStart = ownCpuMillis();
    Result r = run(runner, concurrency, rate, Integer.parseInt(o.get("seconds")));
    if (smsMode) {
      double target = receiptsBefore + r.count;
      double reached = awaitReceipts(http, o.get("url"), target);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double matched = reached - receiptsBefore;
      System.out.printf("started=%d receipts matched=%.0f in %.1f s → %.0f verifications/s end to end"
          + " (API start → submit_sm → DELIVRD receipt → attempt delivered); start p50=%.2f ms p99=%.2f ms;"
          + " machine CPU=%.2f ms/verification (%sthis load generator %.2f)%n",
          r.count, matched, seconds, matched / seconds, r.percentile(50), r.percentile(99),
          (machineCpuMillis() - machineCpuStart) / matched,
          serverPid > 0 ? String.format("server %.2f, ", (serverCpuMillis() - serverCpuStart) / matched) : "",
          (ownCpuMillis() - ownCpuStart) / matched);
      System.exit(0);
    }
    List<Result> results = new ArrayList<>(List.of(r));
    report(r, concurrency, rate);
    for (int i = 1; i < Integer.parseInt(o.get("runs")); i++) {
      results.add(run(runner, concurrency, rate, Integer.parseInt(o.get("seconds"))));
      report(results.get(i), concurrency, rate);
    }
    if (results.size() > 1) {
      System.out.printf("median of %d runs: pairs/s=%.0f p50=%.2f ms p99=%.2f ms%s%n", results.size(),
          median(results.stream().mapToDouble(x -> x.count / x.seconds).toArray()),
          median(results.stream().mapToDouble(x -> x.percentile(50)).toArray()),
          median(results.stream().mapToDouble(x -> x.percentile(99)).toArray()),
          cpuText(median(results.stream().mapToDouble(Result::cpuMillisPerPair).toArray())));
    }
    System.exit(0);
  }

  static void report(Result r, int concurrency, int rate) {
    System.out.printf("pairs=%d errors=%d seconds=%.1f pairs/s=%.0f p50=%.2f ms p99=%.2f ms max=%.2f ms%s (%s)%n",
        r.count, r.errors, r.seconds, r.count / r.seconds, r.percentile(50), r.percentile(99), r.percentile(100),
        cpuText(r.cpuMillisPerPair()),
        rate > 0 ? "open loop at " + rate + "/s" : "closed loop, " + concurrency + " in flight");
  }

  static double median(double[] values) {
    Arrays.sort(values);
    return values[values.length / 2];
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

  static long serverPid;

  /** The server's CPU per pair for a report line, or nothing when no --pid was given. */
  static String cpuText(double millisPerPair) {
    return serverPid > 0 ? String.format(" server CPU=%.2f ms/pair", millisPerPair) : "";
  }

  /** The server's user + system CPU time in milliseconds, from /proc (clock ticks of 10 ms). */
  static long serverCpuMillis() {
    if (serverPid <= 0) {
      return 0;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The whole machine's busy CPU time in milliseconds (every core; with the database and this load
   * generator), from /proc/stat; 0 where there is none.
   */
  static long machineCpuMillis() {
    try {
      String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split(" +");
      // cpu user nice system idle iowait irq softirq steal
      return (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]) + Long.parseLong(f[8])) * 10;
    } catch (IOException e) {
      return 0;
    }
  }

  /** This load generator's own CPU time in milliseconds. */
  static long ownCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
  }

  record Result(long count, long errors, double seconds, long[] nanos, long cpuMillis) {
    double cpuMillisPerPair() {
      return count == 0 ? Double.NaN : (double) cpuMillis / count;
    }

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
    long cpuStart = serverCpuMillis();
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
    return new Result(sorted.length, errors.get(), elapsed, sorted, serverCpuMillis() - cpuStart);
  }

  /** One keep-alive HTTP/1.1 connection with TCP_NODELAY, each request in a single write. */
  static final class Connection implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;
    /** The server said {@code Connection: close} (Tomcat does after 100 requests): open a new one. */
    boolean closing;

    Connection(URI base) throws IOException {
      socket = new Socket(base.getHost(), base.getPort());
      socket.setTcpNoDelay(true);
      out = new BufferedOutputStream(socket.getOutputStream(), 8192);
      in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    /** Returns {status, body}. */
    String[] post(String host, String path, String key, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String status = line();
      int length = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase();
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closing = true;
        }
      }
      StringBuilder text = new StringBuilder();
      if (chunked) {
        for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
          text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
          line();
        }
        line();
      } else if (length > 0) {
        text.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      }
      return new String[] {status.split(" ")[1], text.toString()};
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException("connection closed");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static final class Runner {
    final URI base;
    final String host;
    final String key;
    final String prefix;
    final boolean check;
    final LinkedBlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    final AtomicBoolean reported = new AtomicBoolean();

    Runner(String url, String key, String prefix, boolean check) {
      this.base = URI.create(url);
      this.host = base.getHost() + ":" + base.getPort();
      this.key = key;
      this.prefix = prefix;
      this.check = check;
    }

    boolean pair() {
      Connection connection = idle.poll();
      try {
        if (connection == null) {
          connection = new Connection(base);
        }
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < 10) {
          number.append(ThreadLocalRandom.current().nextInt(10));
        }
        number.append(String.format("%03d", ThreadLocalRandom.current().nextInt(900)));
        String[] started = connection.post(host, "/v1/verifications", key, "{\"to\":\"" + number + "\"}");
        if (!"201".equals(started[0])) {
          return failed("start", started);
        }
        if (check) {
          Matcher m = ID.matcher(started[1]);
          if (!m.find()) {
            return failed("start", started);
          }
          if (connection.closing) {
            connection.close();
            connection = new Connection(base);
          }
          // a wrong code: the load generator cannot read the SMS, and a wrong check runs the same
          // path (slot taken, keyed hash compared) as a right one
          String[] checked = connection.post(host, "/v1/verifications/" + m.group(1) + "/check", key,
              "{\"code\":\"000000\"}");
          if (!"200".equals(checked[0])) {
            return failed("check", checked);
          }
        }
        if (connection.closing) {
          connection.close();
        } else {
          idle.offer(connection);
        }
        return true;
      } catch (Exception e) {
        if (!reported.getAndSet(true)) {
          System.err.println("first error: " + e);
        }
        if (connection != null) {
          try {
            connection.close();
          } catch (IOException ignored) {
            // already broken
          }
        }
        return false;
      }
    }

    /** Prints the first failure, so a misconfigured run says why. */
    boolean failed(String what, String[] response) {
      if (!reported.getAndSet(true)) {
        System.err.println("first error: " + what + " answered " + response[0] + " " + response[1]);
      }
      return false;
    }
  }
}
