package io.kodama.sms.smpp;

import io.kodama.sms.SmsProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one SMPP session bound: binds, notices any unbind or disconnect, and binds again after a
 * doubling back-off with jitter. enquire_link keeps the link checked while idle.
 */
final class SessionSupervisor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);

  private final SmsProperties.Connection settings;
  private final BindType bindType;
  private final MessageReceiverListener receiver;
  private final NoDelayConnectionFactory connections;
  private final String label;
  private final Object lock = new Object();

  private SMPPSession bound; // guarded by lock
  private volatile boolean running;
  private Thread thread;

  SessionSupervisor(
      SmsProperties.Connection settings, BindType bindType, MessageReceiverListener receiver) {
    this.settings = settings;
    this.bindType = bindType;
    this.receiver = receiver;
    this.connections =
        new NoDelayConnectionFactory((int) settings.responseTimeout().toMillis());
    this.label = settings.name() + "/" + bindType;
  }

  void start() {
    running = true;
    thread = new Thread(this::superviseLoop, "smpp-" + label);
    thread.setDaemon(true);
    thread.start();
  }

  /** The bound session, or null. */
  SMPPSession current() {
    synchronized (lock) {
      return bound != null && bound.getSessionState().isBound() ? bound : null;
    }
  }

  /** Waits up to {@code timeout} for a bound session; null when none came. */
  SMPPSession awaitBound(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        if (bound != null && bound.getSessionState().isBound()) {
          return bound;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !running) {
          return null;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void superviseLoop() {
    long backoff = settings.rebindMinBackoff().toMillis();
    while (running) {
      SMPPSession session = newSession();
      try {
        session.connectAndBind(
            settings.host(),
            settings.port(),
            new BindParameter(
                bindType,
                settings.systemId(),
                settings.password(),
                settings.systemType(),
                TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN,
                null),
            settings.responseTimeout().toMillis());
        log.info("SMPP session {} bound", label);
        synchronized (lock) {
          bound = session;
          lock.notifyAll();
          while (running && session.getSessionState().isBound()) {
            lock.wait(1000);
          }
          bound = null;
        }
        if (running) {
          log.warn("SMPP session {} lost; binding again", label);
          backoff = settings.rebindMinBackoff().toMillis();
        }
      } catch (IOException e) {
        log.warn("SMPP bind {} to {}:{} failed: {}", label, settings.host(), settings.port(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } finally {
        if (running) {
          session.close();
        } else {
          session.unbindAndClose();
        }
      }
      if (running) {
        sleepQuietly(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(settings.rebindMaxBackoff().toMillis(), backoff * 2);
      }
    }
  }

  private SMPPSession newSession() {
    SMPPSession session = new SMPPSession(connections);
    session.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
    session.setTransactionTimer(settings.responseTimeout().toMillis());
    session.setPduProcessorDegree(4);
    session.setQueueCapacity(10_000);
    if (receiver != null) {
      session.setMessageReceiverListener(receiver);
    }
    session.addSessionStateListener(
        (SessionState newState, SessionState oldState, org.jsmpp.session.Session source) -> {
          synchronized (lock) {
            lock.notifyAll();
          }
        });
    return session;
  }

  private void sleepQuietly(long millis) {
    synchronized (lock) {
      long deadline = System.currentTimeMillis() + millis;
      long left;
      while (running && (left = deadline - System.currentTimeMillis()) > 0) {
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      lock.notifyAll();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(settings.responseTimeout().toMillis() + 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
