package io.kodama.voice.call;

import io.kodama.voice.prompts.CallAudio;
import io.kodama.voice.prompts.GateMode;
import io.kodama.voice.rtp.G711;
import io.kodama.voice.rtp.Playback;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.rtp.RtpStream;
import io.kodama.voice.sip.MediaDescription;
import io.kodama.voice.sip.SipCall;
import io.kodama.voice.sip.SipCallEnd;
import io.kodama.voice.sip.SipCallListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One voice call from answer to hang-up:
 *
 * <pre>
 * DIALING ──200 OK──▶ opening ─┬─ gate off ───────────────▶ READING (code × n) ──▶ OFFER
 *                              └─ GATE ─key─▶ READING            ▲                  │ "press 1"
 *                                   └─ no key in time ─▶ GOODBYE (no_input)  └──'1'─┤
 *                                                                    GOODBYE ◀─ window passes
 * GOODBYE ──played──▶ BYE ──▶ completed / no_input;  BYE from the callee while READING ─▶ hung_up_early
 * </pre>
 *
 * Events arrive from SIP threads (answer, INFO keys, end), the RTP callback thread (playback
 * finished, RFC 4733 keys) and the timer thread; every transition holds this object's lock and
 * nothing under it blocks.
 */
final class VoiceCall implements SipCallListener {

  static final int TELEPHONE_EVENT = 101;
  private static final int MAX_EXTRA_READINGS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(VoiceCall.class);

  private enum Phase {
    DIALING,
    GATE,
    READING,
    OFFER,
    GOODBYE,
    ENDING,
    DONE
  }

  private final String attemptId;
  private final String maskedNumber;
  private final CallAudio audio;
  private final GateMode gate;
  private final int gateDigit;
  private final RtpPacer pacer;
  private final DatagramChannel channel;
  private final CallTimings timings;
  private final ScheduledExecutorService timers;
  private final Reporter reporter;
  private final Runnable onDone;

  // guarded by this
  private Phase phase = Phase.DIALING;
  private SipCall sip;
  private RtpStream stream;
  private Playback codePlayback;
  private boolean extraReading;
  private int extraReadings;
  private int extraReadingsFinished;
  private int keysPressed;
  private String decidedStatus;
  private String decidedReason;
  private ScheduledFuture<?> gateTimer;
  private ScheduledFuture<?> repeatTimer;
  private ScheduledFuture<?> maxTimer;

  VoiceCall(
      String attemptId,
      String maskedNumber,
      CallAudio audio,
      GateMode gate,
      int gateDigit,
      RtpPacer pacer,
      DatagramChannel channel,
      CallTimings timings,
      ScheduledExecutorService timers,
      Reporter reporter,
      Runnable onDone) {
    this.attemptId = attemptId;
    this.maskedNumber = maskedNumber;
    this.audio = audio;
    this.gate = gate;
    this.gateDigit = gateDigit;
    this.pacer = pacer;
    this.channel = channel;
    this.timings = timings;
    this.timers = timers;
    this.reporter = reporter;
    this.onDone = onDone;
  }

  /** Remembers the SIP call and reports {@code calling}; call under this call's lock. */
  synchronized void placed(SipCall call) {
    this.sip = call;
    reporter.report(attemptId, Outcomes.CALLING, null, Map.of());
  }

  // ----- SIP events -----

  @Override
  public void onAnswered(MediaDescription media) {
    synchronized (this) {
      if (phase != Phase.DIALING) {
        return;
      }
      try {
        stream =
            pacer.open(
                channel,
                new InetSocketAddress(media.host(), media.port()),
                G711.forPayloadType(media.payloadType()),
                // the type the answer names (normally our 101); 101 when it names none
                media.supportsTelephoneEvents() ? media.telephoneEventType() : TELEPHONE_EVENT);
      } catch (RuntimeException e) {
        LOG.warn("cannot start RTP for call to {}", maskedNumber, e);
        decide(Outcomes.FAILED, "media_error");
        return;
      }
      stream.onDtmf(this::onKey);
      reporter.report(attemptId, Outcomes.ANSWERED, null, Map.of("sipStatus", 200));
      maxTimer = schedule(timings.maxCallDuration(), this::onMaxDuration);
      stream.play(audio.opening());
      if (gate == GateMode.OFF) {
        startReading();
      } else {
        phase = Phase.GATE;
        stream.play(audio.gate(), this::onGatePromptPlayed);
      }
    }
    LOG.debug("call to {} answered", maskedNumber);
  }

  @Override
  public void onMediaChanged(MediaDescription media) {
    synchronized (this) {
      if (stream != null) {
        stream.remote(new InetSocketAddress(media.host(), media.port()));
        stream.codec(G711.forPayloadType(media.payloadType()));
      }
    }
  }

  @Override
  public void onDigit(char digit) {
    onKey(digit);
  }

  @Override
  public void onEnded(SipCallEnd end) {
    String status;
    String reason;
    Map<String, Object> detail = new LinkedHashMap<>();
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      Phase last = phase;
      phase = Phase.DONE;
      cancel(gateTimer);
      cancel(repeatTimer);
      cancel(maxTimer);
      if (stream == null) {
        closeChannel();
        status = decidedStatus != null ? decidedStatus : Outcomes.unanswered(end);
        reason = decidedReason != null ? decidedReason : Outcomes.reason(end);
        if (end.sipStatus() > 0) {
          detail.put("sipStatus", end.sipStatus());
        }
      } else {
        if (decidedStatus != null) {
          status = decidedStatus;
          reason = decidedReason;
        } else if (end.kind() == SipCallEnd.Kind.REMOTE_HANGUP) {
          boolean heardItAll = last == Phase.OFFER || last == Phase.GOODBYE;
          status = heardItAll ? Outcomes.COMPLETED : Outcomes.HUNG_UP_EARLY;
          reason = heardItAll ? null : "callee_hung_up";
        } else {
          status = Outcomes.FAILED;
          reason = "hung_up";
        }
        detail.put("sipStatus", 200);
        detail.put("repetitionsPlayed", repetitionsPlayed());
        detail.put("playedMillis", stream.samplesPlayed() / 8);
        detail.put("keysPressed", keysPressed);
        stream.close();
      }
    }
    LOG.info("call to {} ended: {}{}", maskedNumber, status, reason == null ? "" : " (" + reason + ")");
    reporter.report(attemptId, status, reason, detail);
    onDone.run();
  }

  // ----- media events -----

  private void onKey(char key) {
    synchronized (this) {
      switch (phase) {
        case GATE -> {
          keysPressed++;
          if (gate == GateMode.ANY_KEY || key == (char) ('0' + gateDigit)) {
            cancel(gateTimer);
            stream.stop();
            startReading();
          }
        }
        case READING, OFFER -> {
          keysPressed++;
          if (key == '1' && extraReadings < MAX_EXTRA_READINGS) {
            cancel(repeatTimer);
            stream.stop();
            extraReadings++;
            extraReading = true;
            phase = Phase.READING;
            stream.play(audio.singleReading(), this::onReadingPlayed);
          }
        }
        default -> keysPressed += phase == Phase.DONE ? 0 : 1;
      }
    }
  }

  private void startReading() {
    phase = Phase.READING;
    extraReading = false;
    codePlayback = stream.play(audio.code(), this::onReadingPlayed);
  }

  private synchronized void onGatePromptPlayed() {
    if (phase == Phase.GATE) {
      gateTimer = schedule(timings.gateTimeout(), this::onGateTimeout);
    }
  }

  private synchronized void onGateTimeout() {
    if (phase == Phase.GATE) {
      stream.stop();
      sayGoodbye(Outcomes.NO_INPUT, "no_key_pressed");
    }
  }

  private synchronized void onReadingPlayed() {
    if (phase != Phase.READING) {
      return;
    }
    if (extraReading) {
      extraReadingsFinished++;
    }
    phase = Phase.OFFER;
    stream.play(audio.repeatOffer(), this::onOfferPlayed);
  }

  private synchronized void onOfferPlayed() {
    if (phase == Phase.OFFER) {
      repeatTimer = schedule(timings.repeatWindow(), this::onRepeatWindowPassed);
    }
  }

  private synchronized void onRepeatWindowPassed() {
    if (phase == Phase.OFFER) {
      sayGoodbye(Outcomes.COMPLETED, null);
    }
  }

  private synchronized void onMaxDuration() {
    if (phase != Phase.DONE && phase != Phase.ENDING) {
      decide(Outcomes.FAILED, "max_call_duration");
    }
  }

  private void sayGoodbye(String status, String reason) {
    phase = Phase.GOODBYE;
    decidedStatus = status;
    decidedReason = reason;
    stream.play(audio.goodbye(), this::onGoodbyePlayed);
  }

  private synchronized void onGoodbyePlayed() {
    if (phase == Phase.GOODBYE) {
      phase = Phase.ENDING;
      sip.hangup();
    }
  }

  /** Ends the call now with a known outcome. */
  private void decide(String status, String reason) {
    decidedStatus = status;
    decidedReason = reason;
    phase = Phase.ENDING;
    if (stream != null) {
      stream.stop();
    }
    if (sip != null) {
      sip.hangup();
    }
  }

  /** Hangs up from outside (shutdown): the call ends as failed. */
  synchronized void abort(String reason) {
    if (phase != Phase.DONE && phase != Phase.ENDING) {
      decide(Outcomes.FAILED, reason);
    }
  }

  private int repetitionsPlayed() {
    int played = codePlayback == null ? 0 : audio.repetitionsPlayed(codePlayback.samplesPlayed());
    return played + extraReadingsFinished;
  }

  private ScheduledFuture<?> schedule(java.time.Duration delay, Runnable action) {
    return timers.schedule(
        () -> {
          try {
            action.run();
          } catch (RuntimeException e) {
            LOG.warn("voice call timer failed for {}", maskedNumber, e);
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing an unused RTP socket failed", e);
    }
  }

  /** Sends attempt updates, in order, off the SIP and RTP threads. */
  interface Reporter {
    void report(String attemptId, String status, String reason, Map<String, Object> detail);
  }
}
