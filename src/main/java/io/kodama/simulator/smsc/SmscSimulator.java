package io.kodama.simulator.smsc;

import io.kodama.phone.MaskedNumber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC that speaks real SMPP 3.4 on 127.0.0.1: it authenticates binds, answers submit_sm with
 * decimal message ids, reassembles concatenated messages into an inbox per number, and sends
 * delivery receipts after a delay, with outcomes chosen by the destination number ({@link
 * SimulatedOutcome}). Receipts wait for a receiving session when none is bound, as a real SMSC's
 * do.
 */
public final class SmscSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
  private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");
  private static final Duration RECEIPT_RETRY = Duration.ofMillis(100);
  private static final Duration RECEIPT_GIVE_UP = Duration.ofMinutes(10);

  private final SmscSimulatorSettings settings;
  private final Clock clock;
  private final Map<SMPPServerSession, BindType> sessions = new ConcurrentHashMap<>();
  private final Map<String, Deque<InboxMessage>> inboxes = new ConcurrentHashMap<>();
  private final Map<String, Partial> partials = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
  /** Like a real SMSC's, ids do not repeat after a restart: they count on from the start time in µs. */
  private final AtomicLong ids;
  private final AtomicLong submits = new AtomicLong();
  private final AtomicLong receiptsSent = new AtomicLong();
  private final List<Consumer<SentReceipt>> receiptListeners = new CopyOnWriteArrayList<>();
  private final ExecutorService binders = Executors.newCachedThreadPool(daemon("smsc-sim-bind"));
  private final ScheduledExecutorService receipts =
      Executors.newScheduledThreadPool(8, daemon("smsc-sim-receipt"));

  private volatile ServerSocket serverSocket;
  private SMPPServerSessionListener listener;
  private Thread acceptor;
  private volatile boolean running;

  public SmscSimulator(SmscSimulatorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    Instant now = clock.instant();
    this.ids = new AtomicLong(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
  }

  /** Opens the port and starts accepting binds. */
  public synchronized void start() throws IOException {
    listener = new SMPPServerSessionListener(settings.port(), new LoopbackServerFactory());
    listener.setMessageReceiverListener(new Receiver());
    listener.setPduProcessorDegree(4);
    listener.setQueueCapacity(10_000);
    running = true;
    acceptor = new Thread(this::acceptLoop, "smsc-sim-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("SMSC simulator listening on 127.0.0.1:{}", port());
  }

  /** The port it listens on (the chosen one when configured with 0). */
  public int port() {
    ServerSocket s = serverSocket;
    return s == null ? settings.port() : s.getLocalPort();
  }

  /** The messages a number received, oldest first. */
  public List<InboxMessage> inbox(String e164) {
    Deque<InboxMessage> box = inboxes.get(normalise(e164));
    if (box == null) {
      return List.of();
    }
    synchronized (box) {
      return List.copyOf(box);
    }
  }

  /** The numbers that have an inbox. */
  public Set<String> numbers() {
    return Set.copyOf(inboxes.keySet());
  }

  /** How many submit_sm were accepted (one per part). */
  public long acceptedSubmits() {
    return submits.get();
  }

  /** How many receipts reached a client. */
  public long receiptsSent() {
    return receiptsSent.get();
  }

  /**
   * Tells the listener about every receipt a client takes from now on, on the thread that sent it,
   * after the client answered it (so it runs after the client handled the receipt).
   */
  public void addReceiptListener(Consumer<SentReceipt> listener) {
    receiptListeners.add(listener);
  }

  public void removeReceiptListener(Consumer<SentReceipt> listener) {
    receiptListeners.remove(listener);
  }

  /** How many sessions are bound now. */
  public int boundSessions() {
    return (int) sessions.keySet().stream().filter(s -> s.getSessionState().isBound()).count();
  }

  /** Closes every client connection abruptly, without unbind, as a failing network would. */
  public void dropConnections() {
    for (SMPPServerSession s : List.copyOf(sessions.keySet())) {
      sessions.remove(s);
      s.close();
    }
  }

  private void acceptLoop() {
    while (running) {
      try {
        SMPPServerSession session = listener.accept();
        binders.execute(() -> awaitBind(session));
      } catch (IOException e) {
        if (running) {
          log.warn("SMSC simulator accept failed", e);
        }
      }
    }
  }

  private void awaitBind(SMPPServerSession session) {
    try {
      BindRequest bind = session.waitForBind(5_000);
      if (!settings.systemId().equals(bind.getSystemId())) {
        bind.reject(SMPPConstant.STAT_ESME_RINVSYSID);
        return;
      }
      if (!settings.password().equals(bind.getPassword())) {
        bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        return;
      }
      bind.accept(settings.systemId());
      sessions.put(session, bind.getBindType());
      session.addSessionStateListener((newState, old, source) -> {
        if (!newState.isBound()) {
          sessions.remove(session);
        }
      });
    } catch (Exception e) {
      log.debug("SMSC simulator bind not completed", e);
      session.close();
    }
  }

  private SubmitSmResult onSubmit(SubmitSm sm) throws ProcessRequestException {
    String to = normalise(sm.getDestAddress());
    SimulatedOutcome outcome = SimulatedOutcome.forNumber(to);
    switch (outcome) {
      case THROTTLED -> throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
      case INVALID_DESTINATION ->
          throw new ProcessRequestException("invalid destination", SMPPConstant.STAT_ESME_RINVDSTADR);
      case THROTTLED_TWICE -> {
        AtomicInteger n = throttles.computeIfAbsent(to, k -> new AtomicInteger());
        if (n.getAndIncrement() < 2) {
          throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        n.set(0);
      }
      default -> { }
    }
    String id = Long.toString(ids.incrementAndGet());
    submits.incrementAndGet();
    keep(sm, to, id);
    boolean wantsReceipt = (sm.getRegisteredDelivery() & 0x03) != 0;
    boolean failureOnly = (sm.getRegisteredDelivery() & 0x03) == 2;
    if (wantsReceipt && outcome.stat() != null && !(failureOnly && outcome.stat().equals("DELIVRD"))) {
      Instant submitted = clock.instant();
      if (outcome == SimulatedOutcome.RECEIPT_BEFORE_RESPONSE) {
        sendReceipt(id, to, sm.getSourceAddr(), outcome, outcome.stat(), submitted, Instant.now());
      } else {
        if (outcome == SimulatedOutcome.ENROUTE_THEN_DELIVERED) {
          schedule(() -> sendReceipt(id, to, sm.getSourceAddr(), outcome, "ENROUTE", submitted,
              Instant.now()), settings.receiptDelay());
          schedule(() -> sendReceipt(id, to, sm.getSourceAddr(), outcome, outcome.stat(), submitted,
              Instant.now()), settings.receiptDelay().multipliedBy(2));
        } else {
          schedule(() -> sendReceipt(id, to, sm.getSourceAddr(), outcome, outcome.stat(), submitted,
              Instant.now()), settings.receiptDelay());
        }
      }
    }
    try {
      return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
    } catch (PDUStringException e) {
      throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR, e);
    }
  }

  private void schedule(Runnable receipt, Duration delay) {
    receipts.schedule(receipt, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a receipt on a receiving session of the same system id; without one (or when the
   * client does not take it) it tries again shortly, for up to ten minutes.
   */
  private void sendReceipt(
      String id, String to, String from, SimulatedOutcome outcome, String stat, Instant submitted,
      Instant firstTry) {
    if (!running) {
      return;
    }
    SMPPServerSession session = receivingSession();
    if (session != null) {
      try {
        long sentAt = deliverReceipt(session, id, to, from, outcome, stat, submitted);
        receiptsSent.incrementAndGet();
        tellListeners(new SentReceipt(to, id, stat, sentAt));
        return;
      } catch (Exception e) {
        log.debug("Receipt not taken; trying again", e);
      }
    }
    if (Duration.between(firstTry, Instant.now()).compareTo(RECEIPT_GIVE_UP) < 0) {
      schedule(() -> sendReceipt(id, to, from, outcome, stat, submitted, firstTry), RECEIPT_RETRY);
    }
  }

  private void tellListeners(SentReceipt receipt) {
    for (Consumer<SentReceipt> listener : receiptListeners) {
      try {
        listener.accept(receipt);
      } catch (RuntimeException e) {
        log.warn("A receipt listener failed", e);
      }
    }
  }

  /** @return {@link System#nanoTime()} just before the deliver_sm went out */
  private long deliverReceipt(
      SMPPServerSession session, String id, String to, String from, SimulatedOutcome outcome,
      String stat, Instant submitted) throws Exception {
    boolean hex = outcome == SimulatedOutcome.HEX_RECEIPT_ID;
    boolean intermediate = stat.equals("ENROUTE");
    boolean delivered = stat.equals("DELIVRD");
    ZoneId zone = clock.getZone();
    String text =
        "id:" + (hex ? Long.toHexString(Long.parseLong(id)).toUpperCase() : id)
            + " sub:001 dlvrd:" + (delivered ? "001" : "000")
            + " submit date:" + RECEIPT_DATE.format(submitted.atZone(zone))
            + " done date:" + RECEIPT_DATE.format(clock.instant().atZone(zone))
            + " stat:" + stat + " err:" + (intermediate ? "000" : outcome.err()) + " text:";
    OptionalParameter[] tlvs =
        hex
            ? new OptionalParameter[0]
            : new OptionalParameter[] {
              new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), id),
              new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE, messageState(stat))
            };
    long sentAt = System.nanoTime();
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        to.substring(1),
        from != null && from.chars().allMatch(Character::isDigit) ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.ALPHANUMERIC,
        NumberingPlanIndicator.UNKNOWN,
        from == null ? "" : from,
        new ESMClass(intermediate ? 0x20 : 0x04),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        new RawDataCoding((byte) 0),
        text.getBytes(StandardCharsets.ISO_8859_1),
        tlvs);
    return sentAt;
  }

  private static byte messageState(String stat) {
    return switch (stat) {
      case "ENROUTE" -> 1;
      case "DELIVRD" -> 2;
      case "EXPIRED" -> 3;
      case "UNDELIV" -> 5;
      case "REJECTD" -> 8;
      default -> 7;
    };
  }

  private SMPPServerSession receivingSession() {
    for (Map.Entry<SMPPServerSession, BindType> e : sessions.entrySet()) {
      if (e.getValue() != BindType.BIND_TX && e.getKey().getSessionState().isBound()) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Puts a part in the inbox, or waits for the other parts of a concatenated message. */
  private void keep(SubmitSm sm, String to, String id) {
    byte[] body = sm.getShortMessage() == null ? new byte[0] : sm.getShortMessage();
    int dcs = sm.getDataCoding() & 0xFF;
    if ((sm.getEsmClass() & 0x40) != 0 && body.length > 0) {
      int udhLength = body[0] & 0xFF;
      byte[] udh = Arrays.copyOfRange(body, 1, Math.min(body.length, 1 + udhLength));
      byte[] payload = Arrays.copyOfRange(body, Math.min(body.length, 1 + udhLength), body.length);
      int[] concat = concatenation(udh);
      if (concat != null && concat[1] > 1) {
        String key = sm.getSourceAddr() + "|" + to + "|" + concat[0] + "|" + concat[1];
        Partial partial = partials.computeIfAbsent(key, k -> new Partial(concat[1]));
        List<String> partIds;
        byte[] whole;
        synchronized (partial) {
          if (concat[2] < 1 || concat[2] > concat[1]) {
            return;
          }
          partial.payloads[concat[2] - 1] = payload;
          partial.ids[concat[2] - 1] = id;
          if (++partial.received < concat[1]) {
            return;
          }
          partials.remove(key);
          int length = Arrays.stream(partial.payloads).mapToInt(p -> p == null ? 0 : p.length).sum();
          whole = new byte[length];
          int at = 0;
          for (byte[] p : partial.payloads) {
            if (p != null) {
              System.arraycopy(p, 0, whole, at, p.length);
              at += p.length;
            }
          }
          partIds = Arrays.asList(partial.ids);
        }
        store(new InboxMessage(to, sm.getSourceAddr(), SimulatorText.decode(whole, dcs), concat[1],
            dcs, partIds, clock.instant()));
        return;
      }
      body = payload;
    }
    store(new InboxMessage(to, sm.getSourceAddr(), SimulatorText.decode(body, dcs), 1, dcs,
        List.of(id), clock.instant()));
  }

  /** {reference, total, sequence} from an 8- or 16-bit concatenation element, or null. */
  private static int[] concatenation(byte[] udh) {
    int i = 0;
    while (i + 1 < udh.length) {
      int iei = udh[i] & 0xFF;
      int len = udh[i + 1] & 0xFF;
      if (iei == 0x00 && len == 3 && i + 4 < udh.length) {
        return new int[] {udh[i + 2] & 0xFF, udh[i + 3] & 0xFF, udh[i + 4] & 0xFF};
      }
      if (iei == 0x08 && len == 4 && i + 5 < udh.length) {
        return new int[] {((udh[i + 2] & 0xFF) << 8) | (udh[i + 3] & 0xFF), udh[i + 4] & 0xFF,
            udh[i + 5] & 0xFF};
      }
      i += 2 + len;
    }
    return null;
  }

  private void store(InboxMessage message) {
    Deque<InboxMessage> box = inboxes.computeIfAbsent(message.to(), k -> new ArrayDeque<>());
    synchronized (box) {
      box.addLast(message);
      while (box.size() > settings.inboxLimit()) {
        box.removeFirst();
      }
    }
    log.debug("SMSC simulator delivered an SMS to {}", MaskedNumber.of(message.to()));
  }

  private static String normalise(String address) {
    if (address == null) {
      return "";
    }
    String digits = address.replaceAll("[^0-9]", "");
    return "+" + digits;
  }

  @Override
  public synchronized void close() {
    running = false;
    receipts.shutdownNow();
    for (SMPPServerSession s : List.copyOf(sessions.keySet())) {
      s.unbindAndClose();
    }
    sessions.clear();
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      log.debug("closing the SMSC simulator listener", e);
    }
    binders.shutdownNow();
    if (acceptor != null) {
      try {
        acceptor.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static final class Partial {
    final byte[][] payloads;
    final String[] ids;
    int received;

    Partial(int total) {
      payloads = new byte[total][];
      ids = new String[total];
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Listens on 127.0.0.1 only, with TCP_NODELAY on accepted connections. */
  private final class LoopbackServerFactory implements ServerConnectionFactory {
    @Override
    public ServerConnection listen(int port) throws IOException {
      return listen(port, 0, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
      return listen(port, timeout, 50);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
      socket.setSoTimeout(timeout);
      serverSocket = socket;
      return new ServerConnection() {
        @Override
        public Connection accept() throws IOException {
          Socket s = socket.accept();
          s.setTcpNoDelay(true);
          return new SocketConnection(s);
        }

        @Override
        public void setSoTimeout(int t) throws IOException {
          socket.setSoTimeout(t);
        }

        @Override
        public int getSoTimeout() throws IOException {
          return socket.getSoTimeout();
        }

        @Override
        public void close() throws IOException {
          socket.close();
        }
      };
    }
  }

  private final class Receiver implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
        throws ProcessRequestException {
      return onSubmit(submitSm);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
        QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
