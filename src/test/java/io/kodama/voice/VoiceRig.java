package io.kodama.voice;

import io.kodama.dispatch.AttemptUpdates;
import io.kodama.voice.call.CallTimings;
import io.kodama.voice.call.VoiceCalls;
import io.kodama.voice.prompts.BrandSynthesizer;
import io.kodama.voice.prompts.ClipPromptLibrary;
import io.kodama.voice.prompts.PromptAssembler;
import io.kodama.voice.rtp.RtpPacer;
import io.kodama.voice.sip.SipCredentials;
import io.kodama.voice.sip.SipEndpoint;
import io.kodama.voice.sip.SipEndpointSettings;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** Kodama's voice side built by hand (no Spring context): a channel calling a given trunk. */
public final class VoiceRig implements AutoCloseable {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  public final SipVoiceChannel channel;
  public final RtpPacer pacer;
  public final SipEndpoint endpoint;
  private final VoiceCalls calls;
  private final ScheduledExecutorService timers;

  public VoiceRig(
      String trunk,
      String transport,
      SipCredentials credentials,
      CallTimings timings,
      IntSupplier gateDigits,
      AttemptUpdates updates,
      int maxCalls) {
    this(trunk, transport, credentials, timings, gateDigits, updates, maxCalls, BrandSynthesizer.none());
  }

  public VoiceRig(
      String trunk,
      String transport,
      SipCredentials credentials,
      CallTimings timings,
      IntSupplier gateDigits,
      AttemptUpdates updates,
      int maxCalls,
      BrandSynthesizer synthesizer) {
    this.timers = Executors.newScheduledThreadPool(1);
    // late audio is sent late, not skipped: a starved CI machine must not cost the phone a digit
    this.pacer = new RtpPacer("kodama-test-rtp", false, Duration.ofSeconds(30));
    this.endpoint =
        SipEndpoint.start(
            new SipEndpointSettings(
                "kodama-test-" + SEQUENCE.incrementAndGet(),
                "127.0.0.1",
                0,
                null,
                trunk + "/" + transport,
                null,
                credentials,
                null),
            timers,
            null);
    this.calls =
        new VoiceCalls(
            endpoint,
            pacer,
            new PromptAssembler(ClipPromptLibrary.builtIn(), synthesizer),
            updates,
            timers,
            new VoiceCalls.CallDefaults("+81355559999", "127.0.0.1", timings, "any-key", 3, maxCalls),
            gateDigits);
    this.channel = new SipVoiceChannel(endpoint, calls, updates);
  }

  public static CallTimings fastTimings() {
    return new CallTimings(
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMinutes(2));
  }

  @Override
  public void close() {
    calls.close();
    endpoint.close();
    pacer.close();
    timers.shutdownNow();
  }
}
