package io.kodama.voice;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.dispatch.Channel;
import io.kodama.dispatch.DeliveryChannel;
import io.kodama.dispatch.DeliveryTask;
import io.kodama.voice.call.VoiceCalls;
import io.kodama.voice.prompts.PromptAssembler;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.sip.SipCredentials;
import io.kodama.voice.sip.SipEndpoint;
import io.kodama.voice.sip.SipEndpointSettings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers codes by phone: a SIP call through the trunk, the code read aloud over RTP. {@link
 * #deliver} returns once the INVITE is sent; {@code calling}, {@code answered} and the outcome
 * ({@code completed}, {@code busy}, …) reach {@link AttemptUpdates} as they happen.
 */
@Component
public final class SipVoiceChannel implements DeliveryChannel, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(SipVoiceChannel.class);

  private final SipEndpoint endpoint;
  private final VoiceCalls calls;
  private final ScheduledExecutorService timers;
  private final AttemptUpdates updates;
  /** Ringing, then the longest call, and a minute for the last reports. */
  private final Optional<Duration> inFlightLimit;

  @Autowired
  SipVoiceChannel(
      VoiceSettings settings,
      ObjectProvider<SimulatedTrunk> simulatedTrunk,
      RtpPacer pacer,
      PromptAssembler prompts,
      AttemptUpdates updates) {
    this.updates = updates;
    this.inFlightLimit = Optional.of(settings.ringTimeout().plus(settings.maxCallDuration()).plusMinutes(1));
    String trunk = trunkAddress(settings, simulatedTrunk.getIfAvailable());
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kodama-voice-timers");
              t.setDaemon(true);
              return t;
            });
    if (trunk == null) {
      LOG.warn(
          "voice calls are off: set kodama.voice.trunk.host (or kodama.simulators.enabled=true)");
      this.endpoint = null;
      this.calls = null;
      return;
    }
    this.endpoint = SipEndpoint.start(endpointSettings(settings, trunk), timers, null);
    this.calls =
        new VoiceCalls(
            endpoint,
            pacer,
            prompts,
            updates,
            timers,
            new VoiceCalls.CallDefaults(
                settings.trunk().callerId(),
                settings.rtpHost(),
                settings.timings(),
                settings.gate(),
                settings.repetitions(),
                settings.maxConcurrentCalls()),
            gateDigits());
    LOG.info("voice calls go to {} as {}", trunk, settings.trunk().callerId());
  }

  /** For tests and the benchmark: a channel over calls built by hand. */
  SipVoiceChannel(SipEndpoint endpoint, VoiceCalls calls, AttemptUpdates updates) {
    this.endpoint = endpoint;
    this.calls = calls;
    this.updates = updates;
    this.timers = null;
    this.inFlightLimit = Optional.empty();
  }

  @Override
  public Channel channel() {
    return Channel.VOICE;
  }

  @Override
  public Optional<Duration> inFlightLimit() {
    return inFlightLimit;
  }

  @Override
  public void deliver(DeliveryTask task) {
    if (calls == null) {
      updates.record(task.attemptId(), "failed", "voice_not_configured", Map.of());
      return;
    }
    calls.place(task);
  }

  /** Calls in progress. */
  public int activeCalls() {
    return calls == null ? 0 : calls.activeCalls();
  }

  @Override
  public void destroy() {
    if (calls != null) {
      calls.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
    if (timers != null) {
      timers.shutdownNow();
    }
  }

  static SipEndpointSettings endpointSettings(VoiceSettings settings, String trunk) {
    VoiceSettings.Trunk t = settings.trunk();
    SipCredentials credentials =
        t.username() == null || t.username().isBlank()
            ? null
            : new SipCredentials(t.username(), t.password());
    return new SipEndpointSettings(
        "kodama-sip",
        settings.sip().bindHost(),
        settings.sip().port(),
        settings.sip().advertisedHost(),
        trunk + "/" + t.transport(),
        t.domain() == null || t.domain().isBlank() ? null : t.domain(),
        credentials,
        null);
  }

  /** {@code host:port} of the trunk; the simulated phone when simulators run and none is set. */
  static String trunkAddress(VoiceSettings settings, SimulatedTrunk simulated) {
    VoiceSettings.Trunk t = settings.trunk();
    if (t.configured()) {
      return t.host() + ":" + t.port();
    }
    return simulated == null ? null : simulated.address();
  }

  private static java.util.function.IntSupplier gateDigits() {
    SecureRandom random = new SecureRandom();
    return () -> 1 + random.nextInt(9);
  }
}
