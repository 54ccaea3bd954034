package io.kodama.sms.bench;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.simulator.smsc.SmscSimulator;
import io.kodama.simulator.smsc.SmscSimulatorSettings;
import io.kodama.sms.SmsBenchSupport;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * Plain-main benchmark: a bare jSMPP client's submit rate (TCP_NODELAY, window = sending threads,
 * receipts counted and dropped) against Kodama's SmppSmsChannel (template, encoding, H2 store,
 * receipts matched and recorded), both against the in-process SMSC simulator on loopback.
 *
 * <p>Run: {@code mvn -q -o test-compile exec:java} is not configured; use
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.kodama.sms.bench.SmsSubmitBenchmark
 * [window] [warmup] [count] [runs]} after {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 * This test class imports jSMPP only to measure the bare client.
 */
public final class SmsSubmitBenchmark {

  public static void main(String[] args) throws Exception {
    int window = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SmscSimulatorSettings settings =
        new SmscSimulatorSettings(0, "bench", "bench", Duration.ZERO, 1);
    try (SmscSimulator sim = new SmscSimulator(settings, Clock.systemUTC())) {
      sim.start();
      System.out.printf("window=%d warmup=%d count=%d runs=%d cores=%d%n", window, warmup, count,
          runs, Runtime.getRuntime().availableProcessors());
      double[] bare = new double[runs];
      bareClient(sim.port(), window, warmup);
      for (int r = 0; r < runs; r++) {
        bare[r] = bareClient(sim.port(), window, count);
        System.out.printf("bare jSMPP run %d: %.0f submits/s%n", r + 1, bare[r]);
      }
      double[] submitted = new double[runs];
      double[] delivered = new double[runs];
      AtomicLong base = new AtomicLong();
      channel(sim.port(), window, warmup, base, new double[2]);
      for (int r = 0; r < runs; r++) {
        double[] out = new double[2];
        channel(sim.port(), window, count, base, out);
        submitted[r] = out[0];
        delivered[r] = out[1];
        System.out.printf("channel run %d: %.0f submitted/s, %.0f delivered/s (submit → receipt → attempt updated)%n",
            r + 1, out[0], out[1]);
      }
      System.out.printf("MEDIAN bare=%.0f/s channel-submitted=%.0f/s channel-delivered=%.0f/s%n",
          median(bare), median(submitted), median(delivered));
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double bareClient(int port, int window, int count) throws Exception {
    LongAdder receipts = new LongAdder();
    SMPPSession session = new SMPPSession((host, p) -> {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, p));
      return (Connection) new SocketConnection(s);
    });
    session.setPduProcessorDegree(4);
    session.setQueueCapacity(10_000);
    session.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(DeliverSm deliverSm) {
        receipts.increment();
      }

      @Override
      public void onAcceptAlertNotification(AlertNotification alertNotification) {}

      @Override
      public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
        return null;
      }
    });
    session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "bench", "bench",
        "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5000);
    byte[] text = "Your code is 482915".getBytes();
    AtomicLong next = new AtomicLong();
    CountDownLatch done = new CountDownLatch(window);
    long start = System.nanoTime();
    for (int t = 0; t < window; t++) {
      new Thread(() -> {
        try {
          long i;
          while ((i = next.getAndIncrement()) < count) {
            session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                "Kodama", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                String.format("81908%07d", i % 10_000_000 / 10 * 10), new ESMClass(), (byte) 0, (byte) 0,
                null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                GeneralDataCoding.DEFAULT, (byte) 0, text);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          done.countDown();
        }
      }).start();
    }
    done.await();
    double rate = count / ((System.nanoTime() - start) / 1e9);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (receipts.sum() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    session.unbindAndClose();
    return rate;
  }

  private static void channel(int port, int window, int count, AtomicLong base, double[] out)
      throws Exception {
    LongAdder delivered = new LongAdder();
    AttemptUpdates updates = (attemptId, status, reason, detail) -> {
      if (status.equals("delivered")) {
        delivered.increment();
      }
    };
    try (SmsBenchSupport support = new SmsBenchSupport(port, "bench", "bench", window, updates)) {
      long first = base.getAndAdd(count);
      AtomicLong next = new AtomicLong();
      int callers = window * 2;
      CountDownLatch done = new CountDownLatch(callers);
      List<Thread> threads = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < callers; t++) {
        Thread th = new Thread(() -> {
          try {
            long i;
            while ((i = next.getAndIncrement()) < count) {
              long n = first + i;
              support.channel().deliver(new DeliveryTask("att_" + n, "vrf_" + n, "ten",
                  String.format("+81908%07d", n % 1_000_000 * 10), "482915", "ja", "Kodama Bank", 5,
                  "login", Map.of()));
            }
          } finally {
            done.countDown();
          }
        });
        threads.add(th);
        th.start();
      }
      done.await();
      double submitSeconds = (System.nanoTime() - start) / 1e9;
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (delivered.sum() < count && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      double allSeconds = (System.nanoTime() - start) / 1e9;
      out[0] = count / submitSeconds;
      out[1] = delivered.sum() / allSeconds;
      if (delivered.sum() < count) {
        System.out.printf("only %d of %d delivered%n", delivered.sum(), count);
      }
    }
  }

  private SmsSubmitBenchmark() {}
}
