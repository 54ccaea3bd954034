package io.kodama.simulator.phone;

import io.kodama.phone.MaskedNumber;
import io.kodama.simulator.phone.media.PhoneCallMedia;
import io.kodama.simulator.phone.media.PhoneMedia;
import io.kodama.simulator.phone.media.Recognition;
import io.kodama.voice.prompts.PromptLibrary;
import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.sip.InboundCall;
import io.kodama.voice.sip.InboundCallListener;
import io.kodama.voice.sip.MediaDescription;
import io.kodama.voice.sip.SipChallenge;
import io.kodama.voice.sip.SipCredentials;
import io.kodama.voice.sip.SipEndpoint;
import io.kodama.voice.sip.SipEndpointSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A phone that answers Kodama's calls over real SIP and RTP on loopback and behaves by the number
 * dialled ({@link PhoneBehaviour}). It records what each call heard (WAV) and recognises the
 * digits read, so tests and the console can check that the right code was spoken.
 */
public final class SimulatedPhone implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPhone.class);
  /** Ended calls kept in memory; the oldest are forgotten first (recordings stay on disk). */
  static final int MAX_CALLS_KEPT = 1000;

  private final PhoneSettings settings;
  private final Clock clock;
  private final RtpPacer pacer;
  private final PhoneMedia media;
  private final ScheduledExecutorService timers;
  private final ExecutorService recognition;
  private final SipEndpoint endpoint;
  private final List<PhoneCall> calls = new ArrayList<>();
  private final List<Consumer<ReceivedInvite>> inviteListeners = new CopyOnWriteArrayList<>();

  public SimulatedPhone(PhoneSettings settings, PromptLibrary prompts, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    if (settings.recordingsDir() != null) {
      try {
        Files.createDirectories(settings.recordingsDir());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create kodama.simulators.phone.recordings-dir " + settings.recordingsDir(), e);
      }
    }
    this.pacer = new RtpPacer("kodama-sim-rtp");
    this.media = new PhoneMedia(pacer, settings.recordingsDir(), prompts);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kodama-sim-phone"));
    this.recognition = Executors.newSingleThreadExecutor(r -> daemon(r, "kodama-sim-recognizer"));
    SipChallenge challenge =
        settings.username() == null || settings.username().isBlank()
            ? null
            : new SipChallenge(
                "kodama-simulator",
                new SipCredentials(settings.username(), settings.password()),
                settings.proxyAuth());
    SipEndpointSettings sip =
        SipEndpointSettings.listening(
                "kodama-sim-phone-" + Integer.toHexString(System.identityHashCode(this)),
                settings.host(),
                settings.port())
            .withChallenge(challenge);
    this.endpoint = SipEndpoint.start(sip, timers, this::onInvite);
    LOG.info("simulated phone listening on {}:{}", settings.host(), endpoint.port());
  }

  /** The SIP port (UDP and TCP). */
  public int port() {
    return endpoint.port();
  }

  /** The SIP address, {@code host:port}, to point a trunk at. */
  public String address() {
    return settings.host() + ":" + endpoint.port();
  }

  /** The ended calls to a number, oldest first. */
  public List<PhoneCall> calls(String e164) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.number().equals(e164)).toList();
    }
  }

  /** Every ended call still kept (the last {@value #MAX_CALLS_KEPT}), oldest first. */
  public List<PhoneCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /**
   * Waits until a call to the number has ended.
   *
   * @return the latest ended call to the number, or empty when none ended in time
   */
  public Optional<PhoneCall> awaitCall(String e164, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (calls) {
      while (true) {
        List<PhoneCall> ended = calls.stream().filter(c -> c.number().equals(e164)).toList();
        if (!ended.isEmpty()) {
          return Optional.of(ended.get(ended.size() - 1));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(calls, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
  }

  /**
   * Tells the listener about every new call's INVITE from now on, on the SIP stack's thread, before
   * the phone answers it: keep the listener short.
   */
  public void addInviteListener(Consumer<ReceivedInvite> listener) {
    inviteListeners.add(listener);
  }

  public void removeInviteListener(Consumer<ReceivedInvite> listener) {
    inviteListeners.remove(listener);
  }

  /** Forgets the ended calls. */
  public void clear() {
    synchronized (calls) {
      calls.clear();
    }
  }

  @Override
  public void close() {
    endpoint.close();
    recognition.shutdown();
    try {
      recognition.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
    pacer.close();
  }

  private void onInvite(InboundCall call) {
    long receivedAt = System.nanoTime();
    PhoneBehaviour behaviour = PhoneBehaviour.of(call.dialled());
    Leg leg = new Leg(call, behaviour, clock.instant());
    ReceivedInvite invite = new ReceivedInvite(call.id(), leg.number, receivedAt);
    for (Consumer<ReceivedInvite> listener : inviteListeners) {
      try {
        listener.accept(invite);
      } catch (RuntimeException e) {
        LOG.warn("An INVITE listener failed", e);
      }
    }
    call.listen(leg);
    LOG.debug("call to {}: {}", MaskedNumber.of(leg.number), behaviour.kind());
    if (!behaviour.answers()) {
      int status = behaviour.rejectStatus();
      if (status == 0) {
        call.ring();
      } else {
        if (status == 603) {
          call.ring();
        }
        leg.refuse(status);
      }
      return;
    }
    call.ring();
    leg.answer();
  }

  private void record(PhoneCall call) {
    synchronized (calls) {
      calls.add(call);
      if (calls.size() > MAX_CALLS_KEPT) {
        calls.remove(0);
      }
      calls.notifyAll();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** One call on the phone. */
  private final class Leg implements InboundCallListener {

    private final InboundCall call;
    private final PhoneBehaviour behaviour;
    private final Instant startedAt;
    private final String number;
    private final StringBuilder keys = new StringBuilder();

    // guarded by this
    private PhoneCallMedia callMedia;
    private Instant answeredAt;
    private int status;
    private boolean phoneHungUp;
    private ScheduledFuture<?> action;

    Leg(InboundCall call, PhoneBehaviour behaviour, Instant startedAt) {
      this.call = call;
      this.behaviour = behaviour;
      this.startedAt = startedAt;
      String dialled = call.dialled();
      this.number = dialled.startsWith("+") ? dialled : "+" + dialled;
    }

    synchronized void refuse(int sipStatus) {
      status = sipStatus;
      call.reject(sipStatus);
    }

    void answer() {
      MediaDescription offer = call.offer();
      synchronized (this) {
        if (offer == null) {
          status = 488;
          call.reject(488);
          return;
        }
        callMedia =
            media.open(
                call.id(),
                new InetSocketAddress(settings.host(), 0),
                new InetSocketAddress(offer.host(), offer.port()),
                G711.forPayloadType(offer.payloadType()),
                offer.telephoneEventType());
        status = 200;
        answeredAt = clock.instant();
      }
      call.answer(settings.host(), callMedia.localAddress().getPort());
    }

    @Override
    public synchronized void onConfirmed() {
      long delay = settings.timeUnit().toMillis() * behaviour.delayUnits();
      switch (behaviour.kind()) {
        case HANG_UP -> action = timers.schedule(this::hangUp, delay, TimeUnit.MILLISECONDS);
        case PRESS_KEY, PRESS_KEY_INFO ->
            action = timers.schedule(this::pressKey, delay, TimeUnit.MILLISECONDS);
        default -> {
          // listens
        }
      }
    }

    private void hangUp() {
      synchronized (this) {
        phoneHungUp = true;
      }
      call.hangup();
    }

    private void pressKey() {
      char key = behaviour.key();
      boolean rtp;
      synchronized (this) {
        keys.append(key);
        rtp =
            behaviour.kind() == PhoneBehaviour.Kind.PRESS_KEY
                && call.offer() != null
                && call.offer().supportsTelephoneEvents()
                && callMedia != null;
        if (rtp) {
          callMedia.pressKey(key);
        }
      }
      if (!rtp) {
        call.sendInfoDigit(key);
      }
    }

    @Override
    public void onEnded(boolean byCaller) {
      PhoneCallMedia m;
      PhoneCall.Outcome outcome;
      Instant endedAt = clock.instant();
      synchronized (this) {
        if (action != null) {
          action.cancel(false);
        }
        m = callMedia;
        if (answeredAt == null) {
          outcome = status == 0 || byCaller ? PhoneCall.Outcome.CANCELLED : PhoneCall.Outcome.REFUSED;
          if (outcome == PhoneCall.Outcome.CANCELLED) {
            status = 487;
          }
        } else {
          outcome =
              phoneHungUp || !byCaller
                  ? PhoneCall.Outcome.PHONE_HUNG_UP
                  : PhoneCall.Outcome.CALLER_HUNG_UP;
        }
      }
      int finalStatus = status;
      if (m == null) {
        record(result(endedAt, outcome, finalStatus, null, 0, List.of(), null));
        return;
      }
      recognition.execute(
          () -> {
            Path file = null;
            try {
              m.close();
              file = m.recordingFile().orElse(null);
            } catch (UncheckedIOException e) {
              LOG.warn("cannot write the recording of a simulated call", e);
            }
            Recognition heard = m.recognize();
            record(
                result(
                    endedAt,
                    outcome,
                    finalStatus,
                    file,
                    m.heardDuration().toMillis(),
                    heard.sequences(),
                    heard.code().orElse(null)));
          });
    }

    private PhoneCall result(
        Instant endedAt,
        PhoneCall.Outcome outcome,
        int sipStatus,
        Path file,
        long heardMillis,
        List<String> runs,
        String code) {
      String pressed;
      synchronized (this) {
        pressed = keys.toString();
      }
      return new PhoneCall(
          call.id(),
          number,
          behaviour,
          startedAt,
          answeredAt,
          endedAt,
          outcome,
          sipStatus,
          file,
          heardMillis,
          runs,
          code,
          pressed);
    }
  }
}
