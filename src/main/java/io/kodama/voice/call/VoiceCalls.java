package io.kodama.voice.call;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.dispatch.RetryableDeliveryException;
import io.kodama.phone.MaskedNumber;
import io.kodama.voice.prompts.CallAudio;
import io.kodama.voice.prompts.CallScript;
import io.kodama.voice.prompts.GateMode;
import io.kodama.voice.prompts.Payment;
import io.kodama.voice.prompts.PromptAssembler;
import io.kodama.voice.prompts.PromptLanguage;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.sip.OutboundCallRequest;
import io.kodama.voice.sip.SipEndpoint;
import io.kodama.voice.sip.SipSignallingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places voice calls that read a code: builds the call's audio, binds its RTP socket, sends the
 * INVITE and hands the call to a {@link VoiceCall}. Outcomes go to {@link AttemptUpdates} in the
 * order they happen, from one reporting thread.
 */
public final class VoiceCalls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VoiceCalls.class);
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private final SipEndpoint sip;
  private final RtpPacer pacer;
  private final PromptAssembler prompts;
  private final AttemptUpdates updates;
  private final ScheduledExecutorService timers;
  private final CallDefaults defaults;
  private final IntSupplier gateDigits;
  private final ExecutorService reporting;
  private final AtomicInteger active = new AtomicInteger();
  private final Set<VoiceCall> calls = ConcurrentHashMap.newKeySet();

  /**
   * @param timers runs the ring, gate and repeat timers (not owned)
   * @param gateDigits picks the digit of a {@code digit} gate (1–9); a CSPRNG in production
   */
  public VoiceCalls(
      SipEndpoint sip,
      RtpPacer pacer,
      PromptAssembler prompts,
      AttemptUpdates updates,
      ScheduledExecutorService timers,
      CallDefaults defaults,
      IntSupplier gateDigits) {
    this.sip = sip;
    this.pacer = pacer;
    this.prompts = prompts;
    this.updates = updates;
    this.timers = timers;
    this.defaults = defaults;
    this.gateDigits = gateDigits;
    this.reporting =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "kodama-voice-updates");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Places the call and returns once the INVITE is sent.
   *
   * @throws RetryableDeliveryException when too many calls are in progress or SIP is down
   */
  public void place(DeliveryTask task) {
    String masked = MaskedNumber.of(task.to());
    if (task.to() == null || !E164.matcher(task.to()).matches()) {
      report(task.attemptId(), Outcomes.INVALID_NUMBER, "not_e164", Map.of());
      return;
    }
    CallScript script;
    try {
      script = script(task);
    } catch (IllegalArgumentException e) {
      LOG.warn("voice settings of attempt {} are invalid: {}", task.attemptId(), e.getMessage());
      report(task.attemptId(), Outcomes.FAILED, "invalid_voice_settings", Map.of());
      return;
    }
    if (active.incrementAndGet() > defaults.maxConcurrentCalls()) {
      active.decrementAndGet();
      throw new RetryableDeliveryException(
          "too many voice calls in progress (" + defaults.maxConcurrentCalls() + ")");
    }
    DatagramChannel channel = null;
    VoiceCall[] self = new VoiceCall[1];
    try {
      CallAudio audio = prompts.assemble(script);
      channel = DatagramChannel.open();
      channel.bind(new InetSocketAddress(defaults.rtpHost(), 0));
      int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      VoiceCall call =
          new VoiceCall(
              task.attemptId(),
              masked,
              audio,
              script.gate(),
              script.gateDigit(),
              pacer,
              channel,
              defaults.timings(),
              timers,
              this::report,
              () -> finished(self[0]));
      self[0] = call;
      calls.add(call);
      OutboundCallRequest request =
          new OutboundCallRequest(
              task.to(), defaults.callerId(), defaults.rtpHost(), port, defaults.timings().ringTimeout());
      synchronized (call) {
        call.placed(sip.call(request, call));
      }
      LOG.info("calling {} for attempt {}", masked, task.attemptId());
    } catch (SipSignallingException | IOException e) {
      active.decrementAndGet();
      forget(self[0]);
      closeQuietly(channel);
      throw new RetryableDeliveryException("cannot place the call to " + masked, e);
    } catch (RuntimeException e) {
      active.decrementAndGet();
      forget(self[0]);
      closeQuietly(channel);
      throw e;
    }
  }

  /** Calls in progress. */
  public int activeCalls() {
    return active.get();
  }

  private void forget(VoiceCall call) {
    if (call != null) {
      calls.remove(call);
    }
  }

  private void finished(VoiceCall call) {
    calls.remove(call);
    active.decrementAndGet();
  }

  private CallScript script(DeliveryTask task) {
    Map<String, String> s = task.settings();
    // Japanese calls say the code in Japanese first, then in English, unless the tenant chooses
    String languages = s.getOrDefault("voice.languages", "ja".equals(task.locale()) ? "ja+en" : task.locale());
    List<PromptLanguage> spoken = CallScript.languagesOf(languages == null ? "ja" : languages);
    GateMode gate = GateMode.of(s.getOrDefault("voice.gate", defaults.gate()));
    int repetitions =
        Integer.parseInt(
            s.getOrDefault("voice.repetitions", Integer.toString(defaults.repetitions())).strip());
    int digit = gate == GateMode.DIGIT ? gateDigits.getAsInt() : 0;
    // the payment a transaction verification confirms, as its SMS shows it
    Payment payment = task.payment().map(p -> new Payment(p.amount(), p.currency(), p.payee())).orElse(null);
    return new CallScript(spoken, task.brand(), task.code(), repetitions, gate, digit, payment);
  }

  private void report(String attemptId, String status, String reason, Map<String, Object> detail) {
    try {
      reporting.execute(
          () -> {
            try {
              updates.record(attemptId, status, reason, detail);
            } catch (RuntimeException e) {
              LOG.error("cannot record {} for attempt {}", status, attemptId, e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("voice update {} for attempt {} dropped at shutdown", status, attemptId);
    }
  }

  /** Ends the calls in progress (as failed) and stops reporting once their ends are recorded. */
  @Override
  public void close() {
    for (VoiceCall call : List.copyOf(calls)) {
      call.abort("shutdown");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    reporting.shutdown();
    try {
      if (!reporting.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("voice updates still pending at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(DatagramChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing an RTP socket failed", e);
      }
    }
  }

  /**
   * What calls use unless a tenant's settings say otherwise.
   *
   * @param callerId the user part of From
   * @param rtpHost the address RTP sockets bind to and SDP names
   * @param gate {@code off}, {@code any-key} or {@code digit}
   * @param repetitions how many times the code is read
   * @param maxConcurrentCalls calls beyond this are refused as retryable
   */
  public record CallDefaults(
      String callerId,
      String rtpHost,
      CallTimings timings,
      String gate,
      int repetitions,
      int maxConcurrentCalls) {}
}
