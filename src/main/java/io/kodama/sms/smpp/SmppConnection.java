package io.kodama.sms.smpp;

import io.kodama.phone.MaskedNumber;
import io.kodama.sms.SmsProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured SMSC connection: its session(s), a window of in-flight submits (a semaphore in
 * front of a pool of as many sending threads, since each jSMPP request blocks until its response)
 * and a messages-per-second cap.
 */
final class SmppConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SmppConnection.class);
  private static final long MAX_THROTTLE_BACKOFF_MILLIS = 5_000;

  private final SmsProperties.Connection settings;
  private final SessionSupervisor transmitter;
  private final SessionSupervisor receiver;
  private final Semaphore window;
  private final ExecutorService senders;
  private final Pacer pacer;

  SmppConnection(SmsProperties.Connection settings, ReceiptSink sink) {
    this.settings = settings;
    ReceiptReader reader = new ReceiptReader(sink);
    if (settings.bindType() == SmsProperties.BindType.TRX) {
      this.transmitter = new SessionSupervisor(settings, BindType.BIND_TRX, reader);
      this.receiver = null;
    } else {
      this.transmitter = new SessionSupervisor(settings, BindType.BIND_TX, null);
      this.receiver = new SessionSupervisor(settings, BindType.BIND_RX, reader);
    }
    this.window = new Semaphore(settings.window());
    AtomicInteger n = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            settings.window(),
            r -> {
              Thread t = new Thread(r, "smpp-send-" + settings.name() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pacer = new Pacer(settings.maxPerSecond());
  }

  void start() {
    transmitter.start();
    if (receiver != null) {
      receiver.start();
    }
  }

  String name() {
    return settings.name();
  }

  boolean isBound() {
    return transmitter.current() != null;
  }

  boolean isFullyBound() {
    return isBound() && (receiver == null || receiver.current() != null);
  }

  /**
   * Submits every part, waiting at most {@code wait} for a free window slot and a bound session;
   * {@code claim} as in {@link SmppClient#submit}.
   */
  SubmitOutcome submit(OutboundSms sms, Duration wait, BooleanSupplier claim) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    if (!window.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return new SubmitOutcome.NotSent("window full on " + settings.name());
    }
    try {
      Future<SubmitOutcome> result = senders.submit(() -> sendParts(sms, deadline, claim));
      return awaitUninterruptibly(result);
    } finally {
      window.release();
    }
  }

  /** Waits for a send that has started: it cannot be taken back, so its outcome is needed. */
  private static SubmitOutcome awaitUninterruptibly(Future<SubmitOutcome> result)
      throws InterruptedException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException failed) {
            throw failed; // the claim's (the database's), for the caller as if it had made it
          }
          throw new IllegalStateException("SMPP send failed unexpectedly", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SubmitOutcome sendParts(OutboundSms sms, long deadline, BooleanSupplier claim) {
    List<String> ids = new ArrayList<>();
    List<byte[]> parts = sms.encoded().parts();
    try {
      for (int i = 0; i < parts.size(); i++) {
        SubmitOutcome failure = sendPart(sms, parts.get(i), deadline, ids, i == 0 ? claim : null);
        if (failure != null) {
          return failure;
        }
      }
      return new SubmitOutcome.Accepted(ids);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ids.isEmpty()
          ? new SubmitOutcome.NotSent("interrupted")
          : new SubmitOutcome.Unconfirmed("interrupted", ids);
    }
  }

  /**
   * Sends one part, adding its id; returns null when accepted, else how the whole SMS ended. The
   * claim, if any, is asked before the part is first written.
   */
  private SubmitOutcome sendPart(OutboundSms sms, byte[] part, long deadline, List<String> ids,
      BooleanSupplier claim) throws InterruptedException {
    int throttled = 0;
    long backoff = settings.throttleBackoff().toMillis();
    while (true) {
      long left = Math.max(0, deadline - System.nanoTime());
      SMPPSession session = transmitter.awaitBound(Duration.ofNanos(left));
      if (session == null) {
        return ids.isEmpty()
            ? new SubmitOutcome.NotSent("no bound SMPP session on " + settings.name())
            : new SubmitOutcome.Rejected("no_session", ids);
      }
      pacer.acquire();
      if (claim != null) {
        if (!claim.getAsBoolean()) {
          return new SubmitOutcome.HandedOverBefore();
        }
        claim = null;
      }
      NoDelayConnectionFactory.resetWriteMark();
      try {
        ids.add(submitShortMessage(session, sms, part));
        return null;
      } catch (NegativeResponseException e) {
        int status = e.getCommandStatus();
        String name = CommandStatus.name(status);
        if (CommandStatus.isBackOff(status) && throttled < settings.throttleRetries()) {
          throttled++;
          Thread.sleep(backoff);
          backoff = Math.min(MAX_THROTTLE_BACKOFF_MILLIS, backoff * 2);
          continue;
        }
        if (CommandStatus.isBackOff(status) && ids.isEmpty()) {
          return new SubmitOutcome.NotSent(name);
        }
        log.info("SMSC refused SMS to {}: {}", MaskedNumber.of(sms.destination()), name);
        return new SubmitOutcome.Rejected(name, ids);
      } catch (ResponseTimeoutException | InvalidResponseException e) {
        log.warn("No usable submit_sm_resp for SMS to {}; waiting for its receipt instead",
            MaskedNumber.of(sms.destination()), e);
        return new SubmitOutcome.Unconfirmed("no_submit_response", ids);
      } catch (PDUException e) {
        log.warn("SMS to {} cannot be written as a PDU", MaskedNumber.of(sms.destination()), e);
        return new SubmitOutcome.Rejected("invalid_pdu", ids);
      } catch (IOException e) {
        if (NoDelayConnectionFactory.wroteSinceMark()) {
          log.warn("Connection lost while sending SMS to {}; waiting for its receipt instead",
              MaskedNumber.of(sms.destination()), e);
          return new SubmitOutcome.Unconfirmed("connection_lost", ids);
        }
        // nothing was written: the part certainly was not sent; wait for a new session
        if (System.nanoTime() >= deadline) {
          return ids.isEmpty()
              ? new SubmitOutcome.NotSent("session lost on " + settings.name())
              : new SubmitOutcome.Rejected("no_session", ids);
        }
        Thread.sleep(10);
      }
    }
  }

  private String submitShortMessage(SMPPSession session, OutboundSms sms, byte[] part)
      throws PDUException, ResponseTimeoutException, InvalidResponseException,
          NegativeResponseException, IOException {
    String destination =
        sms.destination().startsWith("+") ? sms.destination().substring(1) : sms.destination();
    return session
        .submitShortMessage(
            "",
            TypeOfNumber.valueOf(settings.sourceTon().byteValue()),
            NumberingPlanIndicator.valueOf(settings.sourceNpi().byteValue()),
            settings.sourceAddr(),
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            destination,
            new ESMClass(sms.encoded().esmClass()),
            (byte) 0,
            (byte) 0,
            null,
            relativeValidity(sms.validityMinutes()),
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
            (byte) 0,
            new RawDataCoding(sms.encoded().dataCoding()),
            (byte) 0,
            part)
        .getMessageId();
  }

  /** SMPP relative time {@code YYMMDDhhmmss000R}, or null for the SMSC's default. */
  static String relativeValidity(int minutes) {
    if (minutes <= 0) {
      return null;
    }
    int days = minutes / (24 * 60);
    int hours = minutes / 60 % 24;
    int mins = minutes % 60;
    return String.format("0000%02d%02d%02d00000R", Math.min(days, 99), hours, mins);
  }

  @Override
  public void close() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(settings.responseTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      senders.shutdownNow();
    }
    transmitter.close();
    if (receiver != null) {
      receiver.close();
    }
  }
}
